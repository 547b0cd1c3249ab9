// The upload form: files with one Idempotency-Key per filled-in form, then follows the status.
const STATUS = {received: 'Diterima', processing: 'Sedang diproses', needs_review: 'Menunggu verifikasi petugas',
                approved: 'Disetujui', rejected: 'Ditolak'};
const out = document.getElementById('out');
// one key per filled-in form: sending it again (a retry after a dropped connection) files once
let key = null;
document.getElementById('f').addEventListener('input', () => { key = null; });
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)),
                                (b) => b.toString(16).padStart(2, '0')).join('');
document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  out.textContent = 'Mengirim…';
  key = key || newKey();
  const r = await fetch('/api/applications', {method: 'POST', body: new FormData(e.target),
                                              headers: {'Idempotency-Key': key}});
  const body = await r.json();
  if (!r.ok) { out.innerHTML = '<p class="error"></p>'; out.firstChild.textContent = body.message; return; }
  out.innerHTML = '<p>Permohonan diterima. Kode pelacakan: <b></b></p>' +
    '<p>Simpan tautan status ini; hanya tautan ini yang membuka permohonan Anda: <a id="link"></a></p><p id="st"></p>';
  out.querySelector('b').textContent = body.tracking_code;
  const link = out.querySelector('#link');
  link.href = body.status_page_url; link.textContent = location.origin + body.status_page_url;
  const poll = async () => {
    const a = await (await fetch('/api/applications/' + body.id,
                                 {headers: {'Authorization': 'Bearer ' + body.status_token}})).json();
    document.getElementById('st').textContent = 'Status: ' + (STATUS[a.status] || a.status);
    if (a.status === 'received' || a.status === 'processing') setTimeout(poll, 2000);
  };
  poll();
});
