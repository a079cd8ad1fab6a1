// Progressive enhancement only: every flow works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Fonts come from css/fonts.css, not from bootstrap.loadFonts() (an inline style the CSP blocks).
  // htmx: send the CSRF token with every non-GET request it makes.
  document.body.addEventListener("htmx:configRequest", (event) => {
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) event.detail.headers["X-CSRFToken"] = token.value;
  });
});
