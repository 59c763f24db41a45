// Charts as files: the Plot SVG serialised (with its inline styles), or rasterised to PNG.

function chartElement(holder: HTMLElement): SVGSVGElement {
  const svg = holder.querySelector("svg");
  if (!svg) throw new Error("There is no chart to export yet");
  return svg;
}

/** The chart as a standalone SVG file. */
export function chartSvg(holder: HTMLElement): Blob {
  const svg = chartElement(holder).cloneNode(true) as SVGSVGElement;
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  // Plot styles text with currentColor: pin it so the file looks the same outside the page.
  svg.style.color = getComputedStyle(holder).color;
  svg.style.background = getComputedStyle(document.body).backgroundColor;
  return new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" });
}

/** The chart as a PNG at twice its on-screen size. */
export async function chartPng(holder: HTMLElement): Promise<Blob> {
  const svg = chartElement(holder);
  const { width, height } = svg.getBoundingClientRect();
  const url = URL.createObjectURL(chartSvg(holder));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(width * 2);
    canvas.height = Math.ceil(height * 2);
    const context = canvas.getContext("2d")!;
    context.scale(2, 2);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG export failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
