// Renders every ```mermaid block of the page as a diagram. Loaded only on pages that have one,
// after assets/mermaid.tiny.js (served from the site itself, never a CDN).
(function () {
  if (typeof mermaid === "undefined") return;
  const dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  // "strict" keeps diagram labels from running scripts or adding click handlers.
  // Diagrams keep their natural size and scroll sideways when wider than the text column:
  // shrunk to fit, a wide sequence diagram's labels become unreadable.
  const natural = { useMaxWidth: false };
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    theme: dark ? "dark" : "default",
    flowchart: natural, sequence: natural, class: natural, state: natural, er: natural, gantt: natural,
  });
  mermaid.run({ querySelector: "pre.mermaid" }).catch(function (e) {
    console.error("adrsite: a Mermaid diagram could not be rendered", e);
  });
})();
