// The verifikator's pages: a finding row and its outline on the scan highlight together; a decision asks once more.
document.querySelectorAll('tr[data-finding]').forEach(el => el.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); el.click(); }
}));
document.querySelectorAll('tr[data-finding], rect[data-finding]').forEach(el => el.addEventListener('click', () => {
  const id = el.dataset.finding, card = el.closest('.card');
  card.querySelectorAll('.active').forEach(a => a.classList.remove('active'));
  card.querySelectorAll('[data-finding="' + id + '"]').forEach(a => a.classList.add('active'));
  const box = card.querySelector('rect[data-finding="' + id + '"]');
  if (box && el.tagName === 'TR') box.closest('figure').scrollIntoView({block: 'nearest'});
}));
document.querySelectorAll('form[data-confirm]').forEach(f => f.addEventListener('submit', (e) => {
  if (!window.confirm(f.dataset.confirm)) e.preventDefault();
}));
