// The report's one script: the filter. Without it every finding shows.
(() => {
  const form = document.getElementById("filter");
  if (!form) return;
  form.hidden = false;
  const update = () => {
    const hidden = new Set();
    for (const box of form.querySelectorAll("input[name=severity]")) {
      document.body.classList.toggle("hide-" + box.value, !box.checked);
      if (!box.checked) hidden.add(box.value);
    }
    const onlyFlagged = form.querySelector("input[name=flagged]").checked;
    for (const block of document.querySelectorAll(".block")) {
      const visible = [...block.querySelectorAll(".finding")].some((f) => !hidden.has(f.dataset.severity));
      block.classList.toggle("filtered-out", onlyFlagged && !visible);
    }
  };
  form.addEventListener("change", update);
  update();
  document.body.dataset.filter = "ready";
})();
