// Starts Swagger UI on /docs. A file of its own rather than an inline script, so the docs page's
// Content-Security-Policy can allow scripts from this origin only; the page carries its settings as JSON.
const settings = JSON.parse(document.getElementById("swagger-settings").textContent);
window.ui = SwaggerUIBundle({
  ...settings,
  oauth2RedirectUrl: window.location.origin + settings.oauth2RedirectPath,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
});
