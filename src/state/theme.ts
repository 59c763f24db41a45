// Light, dark or the system's choice, remembered in this browser.
export type Theme = "system" | "light" | "dark";
const KEY = "sales-notebook:theme";

/** The saved theme. */
export function savedTheme(): Theme {
  try {
    const t = localStorage.getItem(KEY);
    return t === "light" || t === "dark" ? t : "system";
  } catch {
    return "system";
  }
}

/** Applies (and saves, when given) the theme via data-theme on <html>. */
export function applyTheme(theme: Theme = savedTheme()): void {
  if (theme === "system") document.documentElement.removeAttribute("data-theme");
  else document.documentElement.setAttribute("data-theme", theme);
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    /* storage unavailable: the choice lasts for this visit */
  }
}
