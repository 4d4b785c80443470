// Renders every ```mermaid block of the page as a diagram. Loaded only on pages that have one,
// after assets/mermaid.tiny.js (served from the site itself, never a CDN).
(function () {
  if (typeof mermaid === "undefined") return;
  const dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  // "strict" keeps diagram labels from running scripts or adding click handlers.
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
  mermaid.run({ querySelector: "pre.mermaid" }).catch(function (e) {
    console.error("adrsite: a Mermaid diagram could not be rendered", e);
  });
})();
