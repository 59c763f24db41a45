// Saving things the user asked for (never uploading them): a Blob and a temporary link.

/** Downloads `blob` as `filename`. */
export function downloadBlob(blob: Blob, filename: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Downloads text as a file. */
export function downloadText(text: string, filename: string, type = "text/plain"): void {
  downloadBlob(new Blob([text], { type }), filename);
}

/** A safe file name from user text. */
export function fileName(text: string, extension: string): string {
  return `${text.replace(/[^\w.-]+/g, "_").replace(/^_+|_+$/g, "") || "export"}.${extension}`;
}
