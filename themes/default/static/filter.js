// Filters a large collection's index in the reader's browser: by words (title, id, people), by
// status and by tag. Folders and groups left without a match are hidden, folders with one open.
// The filter is kept in the address (`?q=…&status=…&tag=…`), so a filtered view can be shared.
(() => {
  const form = document.querySelector("form.filter");
  if (!form) return;
  const main = form.closest("main");
  const rows = [...main.querySelectorAll(".doc-row")];
  const text = rows.map((r) => r.textContent.toLowerCase());
  const field = (name) => form.elements.namedItem(name);
  const count = form.querySelector("output");
  const none = main.querySelector(".filter-none");
  const params = new URLSearchParams(location.search);
  for (const name of ["q", "status", "tag"]) {
    if (field(name) && params.get(name)) field(name).value = params.get(name);
  }
  const apply = () => {
    const words = (field("q").value || "").toLowerCase().split(/\s+/).filter(Boolean);
    const status = field("status") ? field("status").value : "";
    const tag = field("tag") ? field("tag").value : "";
    const active = words.length > 0 || status !== "" || tag !== "";
    let shown = 0;
    rows.forEach((row, i) => {
      const tags = ` ${row.dataset.tags || ""} `;
      const match = words.every((w) => text[i].includes(w)) &&
        (!status || row.dataset.status === status) && (!tag || tags.includes(` ${tag} `));
      row.hidden = !match;
      if (match) shown++;
    });
    for (const folder of main.querySelectorAll("details.folder")) {
      const visible = folder.querySelectorAll(".doc-row:not([hidden])").length;
      folder.parentElement.hidden = visible === 0;
      if (active && visible > 0) folder.open = true;
      const badge = folder.querySelector(":scope > summary .count");
      badge.dataset.total ??= badge.textContent;
      badge.textContent = active ? `${visible} of ${badge.dataset.total}` : badge.dataset.total;
    }
    for (const group of main.querySelectorAll("section.group")) {
      group.hidden = group.querySelector(".doc-row:not([hidden])") === null;
    }
    count.textContent = active ? `${shown} of ${rows.length}` : "";
    if (none) none.hidden = shown > 0;
    const next = new URLSearchParams();
    if (words.length) next.set("q", field("q").value.trim());
    if (status) next.set("status", status);
    if (tag) next.set("tag", tag);
    const query = next.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
  };
  form.addEventListener("input", apply);
  form.addEventListener("submit", (e) => e.preventDefault());
  if (params.toString()) apply();
})();
