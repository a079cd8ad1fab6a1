// Progressive enhancement only: every flow works without this file.
document.addEventListener("DOMContentLoaded", () => {
  if (window.bootstrap && typeof window.bootstrap.loadFonts === "function") {
    window.bootstrap.loadFonts(window.__PUBLIC_PATH__);
  }
  // htmx: send the CSRF token with every non-GET request it makes.
  document.body.addEventListener("htmx:configRequest", (event) => {
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) event.detail.headers["X-CSRFToken"] = token.value;
  });
});
