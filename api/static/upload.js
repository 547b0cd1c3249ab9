// The upload form: only the slots the chosen change needs; files checked before sending; sent with
// XMLHttpRequest (upload progress) and one Idempotency-Key per filled-in form, so a retry after a dropped
// connection or a timeout files once; afterwards the tracking code and the status link, kept on this device.
const STATUS = {received: 'Diterima, menunggu pemeriksaan', processing: 'Sedang diproses',
                needs_review: 'Menunggu verifikasi petugas', approved: 'Disetujui', rejected: 'Ditolak'};
const TYPES = {'image/png': 1, 'image/jpeg': 1, 'image/tiff': 1, 'image/webp': 1, 'application/pdf': 1};
const EXTENSIONS = /\.(png|jpe?g|tiff?|webp|pdf)$/i;
const TIMEOUT_MS = 120000;
const KEPT = 'capil.permohonan';
const form = document.getElementById('f');
const $ = (id) => document.getElementById(id);
const maxBytes = Number(form.dataset.maxBytes);
const chosen = {};  // slot -> File (from the file picker or the camera, whichever was used last)
let key = null;     // one key per filled-in form: any change to the form makes a new one

const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)),
                                (b) => b.toString(16).padStart(2, '0')).join('');
const change = () => $('jp').value;

function showSlots() {
  document.querySelectorAll('[data-for]').forEach((el) => {
    const on = el.dataset.for.split(' ').includes(change());
    el.hidden = !on;
    el.querySelectorAll('input').forEach((i) => { i.disabled = !on; });
  });
  document.querySelectorAll('.need').forEach((el) => el.classList.toggle('chosen', el.dataset.change === change()));
}

function say(el, text) { el.textContent = text; el.hidden = !text; }

function checkFile(slot, file) {
  const error = document.querySelector(`[data-error-for="${slot}"]`);
  if (!file) { say(error, ''); return true; }
  if (!(TYPES[file.type] || EXTENSIONS.test(file.name))) {
    say(error, 'Jenis berkas tidak didukung. Unggah PNG, JPEG, TIFF, WebP atau PDF.');
    return false;
  }
  if (file.size > maxBytes) {
    say(error, `Berkas terlalu besar (${(file.size / 1048576).toFixed(1)} MB). Paling besar ${form.dataset.maxMb} MB.`);
    return false;
  }
  if (file.size === 0) { say(error, 'Berkas kosong. Pilih berkas lain.'); return false; }
  say(error, '');
  return true;
}

document.querySelectorAll('input[type=file]').forEach((input) => input.addEventListener('change', () => {
  const slot = input.dataset.cameraFor || input.name;
  chosen[slot] = input.files[0] || null;
  checkFile(slot, chosen[slot]);
}));
form.addEventListener('input', () => { key = null; });
form.addEventListener('change', () => { key = null; });
$('jp').addEventListener('change', showSlots);

function problems() {
  const nik = $('nik').value.trim();
  if (!/^[0-9]{16}$/.test(nik)) return 'NIK harus 16 angka.';
  let ok = true;
  for (const fs of document.querySelectorAll('fieldset.slot:not([hidden])')) {
    const slot = fs.dataset.slot;
    if (!chosen[slot]) {
      say(document.querySelector(`[data-error-for="${slot}"]`), 'Dokumen ini wajib diunggah.');
      ok = false;
    } else if (!checkFile(slot, chosen[slot])) ok = false;
  }
  if (!ok) return 'Periksa kembali dokumen yang ditandai.';
  if (change() === 'koreksi_biodata' && !requested().size) return 'Isi paling sedikit satu data yang dikoreksi.';
  const email = $('email');
  if (email.value && !email.checkValidity()) return 'Alamat e-mail tidak sah.';
  return '';
}

function requested() {
  const values = new Map();
  document.querySelectorAll('fieldset:not([hidden]) [data-requested]').forEach((i) => {
    if (i.value.trim()) values.set(i.name, i.value.trim());
  });
  return values;
}

function body() {
  const data = new FormData();
  data.append('nik', $('nik').value.trim());
  data.append('jenis_perubahan', change());
  data.append('requested', JSON.stringify(Object.fromEntries(requested())));
  if ($('email').value.trim()) data.append('email', $('email').value.trim());
  document.querySelectorAll('fieldset.slot:not([hidden])').forEach((fs) => {
    data.append(fs.dataset.slot, chosen[fs.dataset.slot]);
  });
  return data;
}

function sending(on) {
  $('send').disabled = on;
  $('retry').disabled = on;
  $('sending').hidden = !on;
  form.setAttribute('aria-busy', on ? 'true' : 'false');
}

function failed(text, canRetry) {
  sending(false);
  say($('form-error'), text);
  $('retry').hidden = !canRetry;
}

function send() {
  say($('form-error'), '');
  $('retry').hidden = true;
  key = key || newKey();
  sending(true);
  $('progress').value = 0;
  $('progress-text').textContent = 'Mengirim…';
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/applications');
  xhr.setRequestHeader('Idempotency-Key', key);
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.timeout = TIMEOUT_MS;
  xhr.upload.addEventListener('progress', (e) => {
    if (!e.lengthComputable) return;
    const pct = Math.round(100 * e.loaded / e.total);
    $('progress').value = pct;
    $('progress-text').textContent = pct < 100 ? `Mengunggah ${pct}%` : 'Menunggu jawaban server…';
  });
  xhr.addEventListener('error', () => failed('Koneksi terputus sebelum permohonan terkirim. Periksa jaringan Anda, '
    + 'lalu tekan "Coba kirim lagi": permohonan tidak akan tercatat dua kali.', true));
  xhr.addEventListener('timeout', () => failed('Server tidak menjawab dalam ' + (TIMEOUT_MS / 1000) + ' detik. '
    + 'Tekan "Coba kirim lagi": permohonan tidak akan tercatat dua kali.', true));
  xhr.addEventListener('load', () => {
    let answer = {};
    try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = {}; }
    if (xhr.status === 202) { filed(answer); return; }
    if (xhr.status === 409 && answer.code === 'IDEMPOTENCY_KEY_IN_PROGRESS') {
      failed('Permohonan Anda masih dicatat. Tunggu sebentar, lalu tekan "Coba kirim lagi".', true);
    } else if (xhr.status >= 500 || xhr.status === 0) {
      failed('Terjadi gangguan pada server. Tekan "Coba kirim lagi"; permohonan tidak akan tercatat dua kali.', true);
    } else {
      failed(answer.message || 'Permohonan ditolak. Periksa kembali isian Anda.', false);
    }
  });
  xhr.send(body());
}

function filed(answer) {
  sending(false);
  const url = location.origin + answer.status_page_url;
  keep({code: answer.tracking_code, url: url, change: change(), at: new Date().toISOString()});
  form.hidden = true;
  $('done').hidden = false;
  $('code').textContent = answer.tracking_code;
  $('link').href = answer.status_page_url;
  $('link').textContent = url;
  $('done').scrollIntoView({block: 'start'});
  poll(answer);
  showKept();
}

async function poll(answer) {
  try {
    const r = await fetch('/api/applications/' + encodeURIComponent(answer.id),
                          {headers: {'Authorization': 'Bearer ' + answer.status_token}});
    const a = await r.json();
    $('st').textContent = 'Status: ' + (STATUS[a.status] || a.status);
    if (a.status === 'received' || a.status === 'processing') setTimeout(() => poll(answer), 3000);
  } catch (e) {
    $('st').textContent = 'Status belum dapat dimuat; buka tautan di atas untuk melihatnya.';
  }
}

function kept() {
  try { return JSON.parse(localStorage.getItem(KEPT) || '[]'); } catch (e) { return []; }
}

function keep(entry) {
  try { localStorage.setItem(KEPT, JSON.stringify([entry, ...kept()].slice(0, 10))); } catch (e) { /* private mode */ }
}

function showKept() {
  const list = $('kept-list');
  list.replaceChildren();
  for (const k of kept()) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = k.url;
    a.textContent = k.code;
    li.append(a, ` (${k.at.slice(0, 10).split('-').reverse().join('-')})`);
    list.append(li);
  }
  $('kept').hidden = !list.children.length;
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const problem = problems();
  if (problem) { failed(problem, false); return; }
  send();
});
$('retry').addEventListener('click', send);
$('again').addEventListener('click', () => {
  form.reset();
  Object.keys(chosen).forEach((k) => delete chosen[k]);
  key = null;
  form.hidden = false;
  $('done').hidden = true;
  showSlots();
});
$('forget').addEventListener('click', () => { localStorage.removeItem(KEPT); showKept(); });
showSlots();
showKept();
