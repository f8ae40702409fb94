"""Every sentence klipctl shows a person, in Indonesian and English, from one catalogue.

Stage and role names follow the wording of SOP LIP10-0072. Text is looked up by key and filled
with ``str.format``; sentences built from parts (the next step of the SOP) are built here once.
"""

from __future__ import annotations

import locale
from collections.abc import Mapping, Sequence
from typing import Any

from klipctl.domain.validate import printable

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

# Short stage names, from the verbs of the SOP's steps (mencatat, menugaskan, ...).
STAGE_NAMES: dict[str, tuple[str, str]] = {
    "reported": ("Dilaporkan", "Reported"),
    "recorded": ("Dicatat", "Recorded"),
    "assigned": ("Ditugaskan", "Assigned"),
    "resolved": ("Diselesaikan", "Resolved"),
    "reviewed": ("Diperiksa", "Reviewed"),
    "drafted": ("Laporan disusun", "Report drafted"),
    "signed": ("Ditandatangani", "Signed"),
    "delivered": ("Disampaikan", "Delivered"),
    "archived": ("Ditatausahakan", "Filed"),
    "withdrawn": ("Dibatalkan", "Withdrawn"),
}

ROLE_NAMES: dict[str, tuple[str, str]] = {
    "staff": ("Pihak Internal KLIP DJP", "KLIP internal staff"),
    "clerk": (
        "Pelaksana Subbagian Tata Usaha dan Kepatuhan Internal",
        "Clerk, General Affairs and Internal Compliance",
    ),
    "supervisor": (
        "Kepala Subbagian Tata Usaha dan Kepatuhan Internal",
        "Head of General Affairs and Internal Compliance",
    ),
    "operator": ("Petugas Dukungan Sistem (Operator Console)", "System support operator"),
    "head": ("Kepala Kantor", "Head of office"),
}

ACTION_NAMES: dict[str, tuple[str, str]] = {
    "report": ("menyampaikan laporan kegagalan sistem", "report a system failure"),
    "record": ("mencatat laporan dalam Log Book", "record the report in the Log Book"),
    "assign": ("menugaskan Petugas Dukungan Sistem", "assign a system support operator"),
    "resolve": ("melaporkan hasil penyelesaian", "report the repair"),
    "accept": (
        "memeriksa kualitas dan menugaskan penyusunan laporan",
        "check the work and task a clerk with the report",
    ),
    "reject": ("menolak hasil penyelesaian", "reject the repair"),
    "draft": ("menyusun laporan hasil", "draft the result report"),
    "sign": ("menandatangani laporan", "sign the report"),
    "deliver": ("menyampaikan laporan kepada Kepala Kantor", "deliver the report to the head"),
    "archive": ("menatausahakan laporan", "file the report"),
    "return": ("mengembalikan konsep laporan", "send the draft report back"),
    "reassign": ("mengalihkan penugasan", "reassign the failure"),
    "withdraw": ("membatalkan laporan kegagalan", "withdraw the failure report"),
    "correct": ("mengoreksi laporan kegagalan", "correct the failure report"),
    "note": ("menambahkan catatan", "add a note"),
    "attach": ("melampirkan berkas", "attach files"),
}

# Each value: (Indonesian, English).
CATALOGUE: dict[str, tuple[str, str]] = {
    # -- finding things
    "no_logbook": (
        "Tidak ada log book di sini: buat dengan `klipctl init FOLDER`, atau tunjuk yang ada "
        "dengan `--logbook FOLDER` atau KLIPCTL_LOGBOOK.",
        "No log book here: make one with `klipctl init FOLDER`, or point to one with "
        "`--logbook FOLDER` or KLIPCTL_LOGBOOK.",
    ),
    "not_a_logbook": (
        "{path} bukan log book klipctl (tidak ada klipctl.yaml); buat dengan `klipctl init`.",
        "{path} is not a klipctl log book (no klipctl.yaml); make one with `klipctl init`.",
    ),
    "bad_id": (
        "'{value}' bukan ID kegagalan; ID terdiri dari huruf dan angka, mis. `klipctl list`.",
        "'{value}' is not a failure ID; IDs are letters and digits, see `klipctl list`.",
    ),
    "unknown_id": (
        "Tidak ada kegagalan dengan ID '{value}'; lihat `klipctl list --all`.",
        "No failure has the ID '{value}'; see `klipctl list --all`.",
    ),
    "ambiguous_id": (
        "ID '{value}' cocok dengan {count} kegagalan ({examples}); ketik lebih banyak karakter.",
        "ID '{value}' matches {count} failures ({examples}); type more characters.",
    ),
    "missing_file": (
        "Berkas {path} tidak ada di log book; pulihkan dengan `git checkout -- {path}`.",
        "The file {path} is missing from the log book; restore it with `git checkout -- {path}`.",
    ),
    # -- files that do not read
    "symlink_refused": (
        "{path} adalah symlink (atau berada di folder symlink); klipctl hanya membaca berkas "
        "biasa di log book. Hapus symlink itu dan pulihkan dengan `git checkout -- {path}`.",
        "{path} is a symlink (or in a symlinked folder); klipctl reads only plain files in a log "
        "book. Remove the symlink and restore it with `git checkout -- {path}`.",
    ),
    "unreadable_file": (
        "Berkas {path} tidak dapat dibaca ({reason}); perbaiki atau pulihkan dengan "
        "`git checkout`.",
        "The file {path} cannot be read ({reason}); fix it or restore it with `git checkout`.",
    ),
    "bad_schema": (
        "Berkas {path} bukan berkas klipctl yang dikenal (harus memuat `schema: {schema}`).",
        "The file {path} is not a klipctl file it knows (it must hold `schema: {schema}`).",
    ),
    "bad_field": (
        "{where}: isian '{field}' tidak sah; perbaiki atau pulihkan berkas dengan `git checkout`.",
        "{where}: the field '{field}' is not valid; fix it or restore the file with "
        "`git checkout`.",
    ),
    "bad_entry": (
        "{where}: entri harus memuat {keys}; pulihkan berkas dengan `git checkout`.",
        "{where}: an entry must hold {keys}; restore the file with `git checkout`.",
    ),
    # -- who is acting
    "not_on_roster_handle": (
        "'{handle}' (dari KLIPCTL_USER) tidak ada dalam daftar pegawai aktif; lihat "
        "`klipctl roster list`.",
        "'{handle}' (from KLIPCTL_USER) is not an active person on the roster; see "
        "`klipctl roster list`.",
    ),
    "not_on_roster_email": (
        "Anda tidak dikenal: tidak ada pegawai dengan email git '{email}'; setel KLIPCTL_USER "
        "ke handle Anda atau minta Kepala Subbagian menambahkan Anda dengan `klipctl roster add`.",
        "You are not known: no one on the roster has the git email '{email}'; set KLIPCTL_USER "
        "to your handle or ask a supervisor to add you with `klipctl roster add`.",
    ),
    "roster_needs_supervisor": (
        "Hanya Kepala Subbagian Tata Usaha dan Kepatuhan Internal yang dapat mengubah daftar "
        "pegawai; '{handle}' tidak memiliki peran itu.",
        "Only a supervisor may change the roster; '{handle}' does not hold that role.",
    ),
    # -- the procedure
    "wrong_stage": (
        "Kegagalan {id} sedang pada tahap \"{stage_name}\", jadi '{action}' tidak dapat "
        "dilakukan sekarang. Berikutnya: {next}",
        "Failure {id} is at the stage \"{stage_name}\", so '{action}' cannot be done now. "
        "Next: {next}",
    ),
    "wrong_role": (
        "'{handle}' tidak dapat {action_name}: langkah ini untuk {roles}.",
        "'{handle}' cannot {action_name}: this step is for the {roles}.",
    ),
    "not_named_person": (
        "'{handle}' tidak dapat {action_name}: SOP menunjuk '{named}' untuk langkah ini.",
        "'{handle}' cannot {action_name}: the SOP names '{named}' for this step.",
    ),
    "next_is": (
        "{who} {what} (`klipctl {command} {id}`).",
        "{who} must {what} (`klipctl {command} {id}`).",
    ),
    "next_done": ("Prosedur sudah selesai.", "The procedure is complete."),
    # -- validation
    "invalid_handle": (
        "Handle '{value}' tidak sah: gunakan huruf kecil, angka, titik, garis bawah atau tanda "
        "hubung, diawali huruf, paling banyak 32 karakter.",
        "The handle '{value}' is not valid: use lower-case letters, digits, '.', '_' or '-', "
        "starting with a letter, at most 32 characters.",
    ),
    "invalid_nip": (
        "NIP '{value}' tidak sah: NIP terdiri dari 18 angka.",
        "The NIP '{value}' is not valid: a NIP is 18 digits.",
    ),
    "invalid_nip_dates": (
        "NIP '{value}' tidak sah: 8 angka pertama harus tanggal lahir (YYYYMMDD) dan 6 berikutnya "
        "bulan pengangkatan (YYYYMM).",
        "The NIP '{value}' is not valid: its first 8 digits must be a birth date (YYYYMMDD) and "
        "the next 6 a month of appointment (YYYYMM).",
    ),
    "invalid_nip_sex": (
        "NIP '{value}' tidak sah: angka ke-15 harus 1 atau 2.",
        "The NIP '{value}' is not valid: its 15th digit must be 1 or 2.",
    ),
    "invalid_email": ("Email '{value}' tidak sah.", "The email '{value}' is not valid."),
    "invalid_role": (
        "Peran '{value}' tidak dikenal; pilih dari: {choices}.",
        "Unknown role '{value}'; choose from: {choices}.",
    ),
    "no_roles": (
        "Berikan paling sedikit satu --role ({choices}).",
        "Give at least one --role ({choices}).",
    ),
    "invalid_key": (
        "Kunci publik tidak sah: berikan berkas kunci publik OpenSSH ({types}), mis. "
        "~/.ssh/id_ed25519.pub.",
        "The public key is not valid: give an OpenSSH public key file ({types}), e.g. "
        "~/.ssh/id_ed25519.pub.",
    ),
    "file_unreadable": (
        "Berkas {path} tidak dapat dibaca ({reason}).",
        "The file {path} cannot be read ({reason}).",
    ),
    "editor_failed": (
        "Editor '{editor}' tidak dapat dijalankan; setel VISUAL atau EDITOR, atau pakai "
        "--description.",
        "The editor '{editor}' could not be run; set VISUAL or EDITOR, or use --description.",
    ),
    "invalid_language": (
        "Bahasa '{value}' tidak dikenal; pilih id atau en.",
        "Unknown language '{value}'; choose id or en.",
    ),
    "accept_or_reject": (
        "Pilih tepat satu: --accept (dengan --drafter) atau --reject (dengan --reason).",
        "Choose exactly one: --accept (with --drafter) or --reject (with --reason).",
    ),
    "handle_taken": (
        "Handle '{handle}' sudah ada dalam daftar pegawai; pilih handle lain.",
        "The handle '{handle}' is already on the roster; choose another.",
    ),
    "email_taken": (
        "Email '{email}' sudah dipakai pegawai lain dalam daftar.",
        "The email '{email}' already belongs to someone on the roster.",
    ),
    "empty_field": ("Isian '{field}' tidak boleh kosong.", "The field '{field}' cannot be empty."),
    "field_too_long": (
        "Isian '{field}' terlalu panjang (paling banyak {limit} karakter).",
        "The field '{field}' is too long (at most {limit} characters).",
    ),
    "field_multiline": (
        "Isian '{field}' harus satu baris.",
        "The field '{field}' must be a single line.",
    ),
    "field_control": (
        "Isian '{field}' memuat karakter kendali; ketik ulang tanpa karakter tersebut.",
        "The field '{field}' holds control characters; type it again without them.",
    ),
    "invalid_severity": (
        "Tingkat '{value}' tidak dikenal; pilih dari: {choices}.",
        "Unknown severity '{value}'; choose from: {choices}.",
    ),
    "invalid_stage": (
        "Tahap '{value}' tidak dikenal; pilih dari: {choices}.",
        "Unknown stage '{value}'; choose from: {choices}.",
    ),
    "missing_handle": (
        "Sebutkan handle pegawai dengan peran {role_name}.",
        "Name the handle of a person with the role {role_name}.",
    ),
    "unknown_person": (
        "'{handle}' tidak ada dalam daftar pegawai aktif; lihat `klipctl roster list`.",
        "'{handle}' is not an active person on the roster; see `klipctl roster list`.",
    ),
    "person_lacks_role": (
        "'{handle}' tidak memiliki peran {role_name}.",
        "'{handle}' does not hold the role {role_name}.",
    ),
    "missing_flags": (
        "Isian belum lengkap: berikan {flags}.",
        "Missing input: give {flags}.",
    ),
    "not_confirmed": (
        "Perlu konfirmasi: jalankan ulang dengan --yes.",
        "Confirmation needed: run again with --yes.",
    ),
    "cancelled": ("Dibatalkan; log book tidak diubah.", "Cancelled; the log book is unchanged."),
    # -- the log book on disk
    "logbook_exists": (
        "Sudah ada log book di {path}; klipctl tidak menimpanya.",
        "There is already a log book at {path}; klipctl will not overwrite it.",
    ),
    "logbook_file_exists": (
        "Berkas {path} sudah ada; klipctl tidak menimpanya. Pilih folder lain.",
        "The file {path} already exists; klipctl will not overwrite it. Choose another folder.",
    ),
    "not_a_folder": ("{path} bukan folder.", "{path} is not a folder."),
    "logbook_busy": (
        "Log book sedang dipakai perintah klipctl lain (menunggu {seconds} detik); coba lagi "
        "sebentar lagi.",
        "Another klipctl command is using the log book (waited {seconds} seconds); try again in "
        "a moment.",
    ),
    "git_missing": (
        "git tidak ditemukan; pasang git lalu coba lagi.",
        "git was not found; install git and try again.",
    ),
    "git_failed": (
        "git {command} gagal ({detail}); log book dikembalikan seperti semula.",
        "git {command} failed ({detail}); the log book was put back as it was.",
    ),
    "bad_now": (
        "KLIPCTL_NOW '{value}' bukan tanggal-waktu ISO (mis. 2026-11-25T09:00:00+07:00).",
        "KLIPCTL_NOW '{value}' is not an ISO date-time (e.g. 2026-11-25T09:00:00+07:00).",
    ),
    "internal_error": (
        "Kesalahan internal klipctl ({error}): ini kesalahan pada program, bukan kesalahan "
        "Anda; log book tidak diubah. Mohon laporkan dengan menyertakan keluaran perintah yang "
        "sama dijalankan dengan KLIPCTL_DEBUG=1.",
        "klipctl hit an internal error ({error}): a bug, not your mistake; the log book is "
        "unchanged. Please report it with the output of the same command run with "
        "KLIPCTL_DEBUG=1.",
    ),
    "text_saved": (
        "Teks yang Anda ketik disimpan di {path}; gunakan kembali dengan {flag} {path}.",
        "What you typed is saved in {path}; reuse it with {flag} {path}.",
    ),
    # -- output for people
    "created_logbook": (
        "Log book dibuat di {path}. Berikutnya: tambahkan pegawai dengan `klipctl roster add`.",
        "Log book made at {path}. Next: add people with `klipctl roster add`.",
    ),
    "roster_added": (
        "{handle} ({name}) ditambahkan ke daftar pegawai.",
        "{handle} ({name}) added to the roster.",
    ),
    "changed": ("{id} · {title}", "{id} · {title}"),
    "stage_change": ("Tahap: {before} → {after}", "Stage: {before} → {after}"),
    "next_label": ("Berikutnya", "Next"),
    "deadline_label": ("Tenggat", "Deadline"),
    "days_left": ("{n} hari kerja lagi", "{n} working days left"),
    "days_left_one": ("1 hari kerja lagi", "1 working day left"),
    "days_late_one": ("terlambat 1 hari kerja", "1 working day late"),
    "due_today": ("jatuh tempo hari ini", "due today"),
    "days_late": ("terlambat {n} hari kerja", "{n} working days late"),
    "no_deadline": ("belum ditugaskan", "not assigned yet"),
    "closed_in_time": ("selesai tepat waktu", "finished in time"),
    "closed_late": ("selesai terlambat", "finished late"),
    "list_empty": ("Tidak ada kegagalan yang cocok.", "No failures match."),
    "list_summary": ("{n} kegagalan, {late} terlambat.", "{n} failures, {late} overdue."),
    "list_summary_one": ("1 kegagalan, {late} terlambat.", "1 failure, {late} overdue."),
    "problems_header": (
        "{n} berkas tidak dapat dibaca dan dilewati:",
        "{n} files could not be read and were skipped:",
    ),
    "roster_empty": (
        "Daftar pegawai kosong; tambahkan dengan `klipctl roster add`.",
        "The roster is empty; add people with `klipctl roster add`.",
    ),
    "inactive": ("nonaktif", "inactive"),
    "history_empty": ("Belum ada riwayat git.", "No git history yet."),
    "confirm_action": ('{action_name} untuk {id} "{title}"?', '{action_name} for {id} "{title}"?'),
    "confirm_report": ("Simpan laporan ini?", "Save this report?"),
    "prompt_title": ("Judul (singkat)", "Title (short)"),
    "prompt_system": ("Sistem yang gagal", "Failing system"),
    "prompt_description": ("Uraian (boleh kosong)", "Description (may be empty)"),
    "prompt_operator": ("Handle Petugas Dukungan Sistem", "Operator's handle"),
    "prompt_action": ("Tindakan perbaikan", "Repair action taken"),
    "prompt_drafter": ("Handle pelaksana penyusun laporan", "Handle of the clerk who drafts"),
    "prompt_reason": ("Alasan penolakan", "Reason for rejection"),
    "prompt_reason_withdraw": ("Alasan pembatalan", "Why it is withdrawn"),
    "prompt_reason_reassign": ("Alasan pengalihan", "Why it is reassigned"),
    "prompt_reason_correct": ("Alasan koreksi", "Why it is corrected"),
    "prompt_reason_return": ("Yang perlu diperbaiki pada konsep", "What the draft must fix"),
    "prompt_value_now": ("Nilai yang benar (sekarang: {value})", "The right value (now: {value})"),
    "yes_no": ("ya/tidak", "yes/no"),
    # -- a wrong command line, as Click finds it
    "usage_no_such_option": (
        "Opsi {option} tidak dikenal; lihat `{where} -h`.",
        "There is no option {option}; see `{where} -h`.",
    ),
    "usage_no_such_option_near": (
        "Opsi {option} tidak dikenal; maksud Anda {near}? Lihat `{where} -h`.",
        "There is no option {option}; did you mean {near}? See `{where} -h`.",
    ),
    "usage_missing": (
        "{name} belum diisi; lihat `{where} -h`.",
        "{name} is missing; see `{where} -h`.",
    ),
    "usage_bad_value": (
        "Nilai untuk {name} tidak sah; lihat `{where} -h`.",
        "The value for {name} is not valid; see `{where} -h`.",
    ),
    "usage_no_such_command": (
        "Tidak ada perintah '{command}'; lihat `{where} -h`.",
        "There is no command '{command}'; see `{where} -h`.",
    ),
    "usage_no_such_command_near": (
        "Tidak ada perintah '{command}'; maksud Anda {near}? Lihat `{where} -h`.",
        "There is no command '{command}'; did you mean {near}? See `{where} -h`.",
    ),
    "usage_extra": (
        "Ada argumen berlebih: {extra}; lihat `{where} -h`.",
        "Unexpected extra arguments: {extra}; see `{where} -h`.",
    ),
    "usage_other": (
        "Baris perintah tidak lengkap atau salah ({detail}); lihat `{where} -h`.",
        "The command line is incomplete or wrong ({detail}); see `{where} -h`.",
    ),
    # -- the terminal: completion and progress
    "completion_closed": ("{title} (sudah ditutup)", "{title} (closed)"),
    "completion_shell": (
        "Pelengkapan otomatis tidak tersedia untuk shell {shell}; pilih salah satu: {shells}.",
        "Completion is not available for the {shell} shell; choose one of: {shells}.",
    ),
    "completion_installed": (
        "Pelengkapan otomatis (Tab) untuk {shell} dipasang di {path}; berlaku di terminal yang "
        "dibuka sesudah ini.",
        "Tab completion for {shell} installed in {path}; it works in terminals opened from now "
        "on.",
    ),
    "completion_install_failed": (
        "Pelengkapan otomatis untuk {shell} tidak dapat dipasang ({reason}); tampilkan skripnya "
        "dengan `klipctl --show-completion {shell}` lalu pasang sendiri.",
        "Completion for {shell} could not be installed ({reason}); show its script with "
        "`klipctl --show-completion {shell}` and install it yourself.",
    ),
    "progress_index": ("Menyusun indeks log book", "Building the log book's index"),
    "progress_verify_files": ("Memeriksa berkas kegagalan", "Checking the failure files"),
    "progress_verify_history": ("Memeriksa riwayat git", "Checking the git history"),
    "progress_fetch": (
        "Mengambil perubahan dari repositori pusat", "Fetching from the central repository"
    ),
    "progress_merge": ("Menggabungkan perubahan", "Merging the changes"),
    "progress_push": ("Mengirim ke repositori pusat", "Pushing to the central repository"),
    "progress_import": ("Mengimpor baris lembar kerja", "Importing the spreadsheet's rows"),
    "logbook_waiting": (
        "Menunggu giliran: perintah klipctl lain sedang menulis di log book ini…",
        "Waiting for its turn: another klipctl command is writing to this log book…",
    ),
    "file_not_regular": (
        "{path} bukan berkas biasa (folder, perangkat atau pipa); sebutkan sebuah berkas.",
        "{path} is not a regular file (a folder, a device or a pipe); name a file.",
    ),
    "dr_key_too_open": (
        "Kunci {path} dapat dibaca pengguna lain; ssh dan ssh-keygen menolaknya. Perbaiki: "
        "`chmod 600 {path}` (Linux), atau di Windows: Properties → Security, hanya akun Anda.",
        "The key {path} is readable by other users; ssh and ssh-keygen refuse it. Fix: "
        "`chmod 600 {path}` (Linux), or on Windows: Properties → Security, your account only.",
    ),
    "join_target_not_empty": (
        "Folder {path} sudah berisi berkas; sebutkan folder baru, mis. `klipctl join URL logbook`.",
        "The folder {path} already holds files; name a new one, e.g. `klipctl join URL logbook`.",
    ),
    "join_not_logbook": (
        "{url} bukan log book klipctl (tidak ada klipctl.yaml di dalamnya); periksa alamatnya.",
        "{url} is not a klipctl log book (it holds no klipctl.yaml); check the address.",
    ),
    "key_exists": (
        "Sudah ada berkas kunci di {path}; pakai dengan --key {path}, atau hapus dulu.",
        "A key file already exists at {path}; use it with --key {path}, or remove it first.",
    ),
    "passphrase_needs_terminal": (
        "--passphrase perlu terminal untuk mengetik frasa sandinya; jalankan tanpa --no-input.",
        "--passphrase needs a terminal to type the passphrase in; run it without --no-input.",
    ),
    "join_cloned": ("Log book disalin ke {path}.", "The log book is copied to {path}."),
    "join_key_made": (
        "Kunci tanda tangan baru dibuat: {path} (jangan dibagikan; yang .pub boleh).",
        "A new signing key is made: {path} (keep it to yourself; the .pub may be shared).",
    ),
    "join_key_found": ("Kunci tanda tangan: {path}.", "Signing key: {path}."),
    "join_ready": (
        "'{handle}' sudah ada di daftar pegawai dengan kunci ini: siap bekerja.",
        "'{handle}' is on the roster with this key: ready to work.",
    ),
    "join_ask_supervisor": (
        "Minta Kepala Subbagian menjalankan baris ini (isi NIP dan PERAN: staff, clerk, "
        "supervisor, operator atau head):",
        "Ask the supervisor to run this line (fill in NIP and PERAN: staff, clerk, supervisor, "
        "operator or head):",
    ),
    "join_then": (
        "Setelah itu, di {folder}: `klipctl sync`, lalu `klipctl inbox`.",
        "Then, in {folder}: `klipctl sync`, then `klipctl inbox`.",
    ),
    "prompt_handle": ("Nama pengguna (huruf kecil, mis. sari)", "Handle (lower case, e.g. sari)"),
    "prompt_email": ("Surel dinas", "Work email"),
    "prompt_new_passphrase": (
        "Frasa sandi untuk kunci baru",
        "Passphrase for the new key",
    ),
    "prompt_passphrase": ("Frasa sandi kunci {path}", "Passphrase of the key {path}"),
    "signing_passphrase_wrong": (
        "Frasa sandi kunci {path} salah; ulangi perintahnya dan ketik frasa sandi yang benar.",
        "The passphrase of the key {path} is wrong; run the command again with the right one.",
    ),
    "yes_no_again": ("Jawab ya atau tidak.", "Answer yes or no."),
    "stage_kept": ("Tahap tetap: {stage}", "Stage unchanged: {stage}"),
    "inbox_summary_none_late": (
        "{n} kegagalan menunggu Anda, tidak ada yang terlambat.",
        "{n} failures wait for you, none overdue.",
    ),
    "no_attachments_yet": (
        "Kegagalan {id} belum mempunyai lampiran; lampirkan dengan `klipctl attach {id} BERKAS`.",
        "Failure {id} has no attachments yet; attach one with `klipctl attach {id} FILE`.",
    ),
    "show_reassigned": ("{old} → {new}: {reason}", "{old} → {new}: {reason}"),
    "show_withdrawn_duplicate": (
        "{reason} (duplikat {other})",
        "{reason} (a duplicate of {other})",
    ),
    "inbox_stranded": (
        "kegagalan ini menunggu '{handle}', yang tidak lagi aktif: alihkan dengan "
        "`klipctl reassign {id} --to …`",
        "waits for '{handle}', who is no longer active: reassign it with "
        "`klipctl reassign {id} --to …`",
    ),
    "field_reason": ("alasan", "reason"),
    "field_text": ("catatan", "note"),
    "field_action": ("tindakan", "action"),
    "field_cause": ("penyebab", "cause"),
    "field_note": ("catatan", "note"),
    "field_name": ("nama", "name"),
    "field_value": ("nilai", "value"),
    "doc_basis_reassign": (
        "Pengalihan penugasan kepada {operator} tanggal {date}.",
        "The reassignment to {operator} on {date}.",
    ),
    "doc_result_withdrawn": (
        "Laporan kegagalan ini dibatalkan pada tanggal {date}: {reason}",
        "This failure report was withdrawn on {date}: {reason}",
    ),
    "doc_result_withdrawn_duplicate": (
        "Laporan kegagalan ini dibatalkan pada tanggal {date} sebagai duplikat {other}: {reason}",
        "This failure report was withdrawn on {date} as a duplicate of {other}: {reason}",
    ),
    "doc_conclusion_withdrawn": (
        "Penanganan tidak dilanjutkan karena laporannya dibatalkan.",
        "The handling did not go on: the report was withdrawn.",
    ),
    "prompt_name": ("Nama lengkap", "Full name"),
    "prompt_nip": ("NIP (18 angka)", "NIP (18 digits)"),
    "demo_done": (
        "Log book demo ada di {path}. Coba: klipctl --logbook {path} list --all",
        "The demo log book is at {path}. Try: klipctl --logbook {path} list --all",
    ),
    "demo_board": (
        "Papan untuk Kepala Kantor (klipctl site build): buka {path} di peramban.",
        "The head of office's board (klipctl site build): open {path} in a browser.",
    ),
    "demo_rejected": (
        "Ditolak sekali saat pemeriksaan: {reason}",
        "Rejected once at review: {reason}",
    ),
    # -- column headings
    "col_id": ("ID", "ID"),
    "col_title": ("Judul", "Title"),
    "col_system": ("Sistem", "System"),
    "col_stage": ("Tahap", "Stage"),
    "col_assignee": ("Petugas", "Operator"),
    "col_deadline": ("Tenggat", "Deadline"),
    "col_left": ("Sisa", "Left"),
    "col_severity": ("Tingkat", "Severity"),
    "col_reporter": ("Pelapor", "Reporter"),
    "col_reported": ("Dilaporkan", "Reported"),
    "col_when": ("Waktu", "When"),
    "col_who": ("Oleh", "By"),
    "col_role": ("Peran", "Role"),
    "col_details": ("Rincian", "Details"),
    "col_workdays": ("Hari kerja", "Working days"),
    "col_handle": ("Handle", "Handle"),
    "col_name": ("Nama", "Name"),
    "col_nip": ("NIP", "NIP"),
    "col_roles": ("Peran", "Roles"),
    "col_email": ("Email", "Email"),
    "col_key": ("Kunci", "Key"),
    "col_commit": ("Commit", "Commit"),
    "col_message": ("Pesan", "Message"),
    "col_description": ("Uraian", "Description"),
    "timeline": ("Riwayat", "Timeline"),
    "rejected": ("Ditolak", "Rejected"),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
    # -- calendar and due (issue 3): messages below this line
    "calendar_needs_supervisor": (
        "Hanya Kepala Subbagian Tata Usaha dan Kepatuhan Internal yang dapat mengubah kalender "
        "kantor; '{handle}' tidak memiliki peran itu.",
        "Only a supervisor may change the office calendar; '{handle}' does not hold that role.",
    ),
    "calendar_day_taken": (
        "Kalender kantor sudah mengubah {day} ({name}); hapus dulu dengan "
        "`klipctl calendar remove {day} --reason TEKS`.",
        "The office calendar already changes {day} ({name}); remove that first with "
        "`klipctl calendar remove {day} --reason TEXT`.",
    ),
    "calendar_already_working": (
        "{day} sudah hari kerja; --working hanya untuk Sabtu, Minggu atau hari libur.",
        "{day} is already a working day; --working is only for a weekend or a holiday.",
    ),
    "calendar_already_closed": (
        "{day} memang bukan hari kerja ({name}); tidak perlu ditutup.",
        "{day} is not a working day anyway ({name}); there is nothing to close.",
    ),
    "calendar_nothing_to_remove": (
        "{day} bukan hari libur nasional, cuti bersama, maupun perubahan kantor; tidak ada yang "
        "dihapus. Untuk menjadikan Sabtu/Minggu hari kerja pakai `klipctl calendar add {day} "
        "--working --name TEKS`.",
        "{day} is neither a national holiday, cuti bersama nor an office change; there is "
        "nothing to remove. To make a weekend day a working day use `klipctl calendar add {day} "
        "--working --name TEXT`.",
    ),
    "bad_date": (
        "'{value}' bukan tanggal; tulis YYYY-MM-DD (mis. 2026-03-17) atau tanggal-waktu "
        "2026-03-17T16:30.",
        "'{value}' is not a date; write YYYY-MM-DD (e.g. 2026-03-17) or a date-time "
        "2026-03-17T16:30.",
    ),
    "date_out_of_range": (
        "Tanggal '{value}' di luar {first}–{last}.",
        "The date '{value}' is outside {first}–{last}.",
    ),
    "bad_days": (
        "--days harus antara 1 dan 100 (diberikan {value}).",
        "--days must be between 1 and 100 (got {value}).",
    ),
    "bad_month": (
        "'{value}' bukan tahun atau bulan; tulis YYYY (mis. 2026) atau YYYY-MM (mis. 2026-03).",
        "'{value}' is not a year or a month; write YYYY (e.g. 2026) or YYYY-MM (e.g. 2026-03).",
    ),
    "calendar_closed_added": (
        "Kantor tutup pada {day}: {name}.",
        "The office is closed on {day}: {name}.",
    ),
    "calendar_working_added": (
        "{day} menjadi hari kerja kantor: {name}.",
        "{day} is now an office working day: {name}.",
    ),
    "calendar_override_added": (
        "Kantor bekerja pada {day}; {name} tidak berlaku bagi kantor.",
        "The office works on {day}; {name} no longer applies to it.",
    ),
    "calendar_removed": (
        "Perubahan kantor pada {day} ({name}) dihapus.",
        "The office change on {day} ({name}) is withdrawn.",
    ),
    "moved_none": (
        "Tidak ada tenggat kegagalan terbuka yang bergeser.",
        "No open failure's deadline moved.",
    ),
    "moved_header": (
        "Tenggat {n} kegagalan terbuka bergeser:",
        "The deadlines of {n} open failures moved:",
    ),
    "moved_header_one": (
        "Tenggat 1 kegagalan terbuka bergeser:",
        "The deadline of 1 open failure moved:",
    ),
    "calendar_warning": (
        "Peringatan: kalender nasional {years} belum pasti, jadi tenggat di sana dapat bergeser; "
        "periksa SKB cuti bersama, catat dengan `klipctl calendar add`, atau perbarui paket "
        "holidays.",
        "Warning: the national calendar of {years} is not settled, so deadlines there may move; "
        "check the SKB on cuti bersama, record it with `klipctl calendar add`, or upgrade the "
        "holidays package.",
    ),
    "uncertain_no_joint": ("{year} (belum ada cuti bersama)", "{year} (no cuti bersama yet)"),
    "uncertain_no_joint_estimated": (
        "{year} (belum ada cuti bersama; tanggal hari raya masih perkiraan)",
        "{year} (no cuti bersama yet; holiday dates only estimated)",
    ),
    "uncertain_estimated": (
        "{year} (tanggal hari raya masih perkiraan)",
        "{year} (holiday dates only estimated)",
    ),
    "deadline_answer": (
        "Tenggat: {weekday} {deadline} ({days} hari kerja; penugasan {at}).",
        "Deadline: {weekday} {deadline} ({days} working days; assigned {at}).",
    ),
    "rule_default": (
        "Hari penugasan diterima tidak dihitung.",
        "The day the assignment is received is not counted.",
    ),
    "rule_receipt_counts": (
        "Hari kerja penugasan diterima dihitung sebagai hari ke-1.",
        "A working day of receipt counts as day 1.",
    ),
    "rule_hours": (
        "Penugasan sesudah pukul {end} WIB dianggap diterima hari kerja berikutnya.",
        "An assignment after {end} WIB counts as received the next working day.",
    ),
    "step_received": ("diterima, tidak dihitung", "received, not counted"),
    "step_received_counted": ("diterima, hari kerja ke-{n}", "received, working day {n}"),
    "step_after_hours": (
        "sesudah jam kantor: dianggap diterima hari kerja berikutnya",
        "after office hours: counts as received the next working day",
    ),
    "step_counted": ("hari kerja ke-{n}", "working day {n}"),
    "step_skipped": ("dilewati", "skipped"),
    "kind_working": ("hari kerja", "working day"),
    "kind_weekend": ("akhir pekan", "weekend"),
    "kind_holiday": ("libur nasional", "national holiday"),
    "kind_joint": ("cuti bersama", "cuti bersama"),
    "kind_office_closed": ("kantor tutup", "office closed"),
    "kind_office_working": ("hari kerja kantor", "office working day"),
    "workdays_answer": (
        "{n} hari kerja sesudah {start} sampai dengan {end}.",
        "{n} working days after {start} up to and including {end}.",
    ),
    "workdays_answer_one": (
        "1 hari kerja sesudah {start} sampai dengan {end}.",
        "1 working day after {start} up to and including {end}.",
    ),
    "calendar_legend": (
        "* libur nasional   + cuti bersama   x kantor tutup   o hari kerja kantor",
        "* national holiday   + cuti bersama   x office closed   o office working day",
    ),
    "month_names": (
        "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember",
        "January February March April May June July August September October November December",
    ),
    "weekday_abbr": ("Sen Sel Rab Kam Jum Sab Min", "Mon Tue Wed Thu Fri Sat Sun"),
    "weekday_names": (
        "Senin Selasa Rabu Kamis Jumat Sabtu Minggu",
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    ),
    "due_empty": ("Tidak ada kegagalan terbuka.", "No open failures."),
    "due_summary": (
        "{n} terbuka: {late} terlambat, {soon} jatuh tempo dalam 2 hari kerja, "
        "{unassigned} belum ditugaskan.",
        "{n} open: {late} overdue, {soon} due within 2 working days, {unassigned} not assigned "
        "yet.",
    ),
    "col_next": ("Berikutnya", "Next"),
    "prompt_cal_name": ("Nama hari itu", "Name of the day"),
    "prompt_cal_reason": ("Dasar (nomor keputusan atau alasan)", "Decree or reason"),
    "col_date": ("Tanggal", "Date"),
    "col_day": ("Hari", "Day"),
    "col_counted": ("Dihitung", "Counted"),
    "col_why": ("Keterangan", "Why"),
    "col_old_deadline": ("Tenggat lama", "Old deadline"),
    "col_new_deadline": ("Tenggat baru", "New deadline"),
    # --
    # -- documents (issue 4): messages below this line
    "cannot_write": (
        "Berkas {path} tidak dapat ditulis ({reason}).",
        "The file {path} cannot be written ({reason}).",
    ),
    "template_missing": (
        "Templat {template} tidak ditemukan, baik di folder templates/ log book maupun di "
        "templat bawaan klipctl.",
        "The template {template} was found neither in the log book's templates/ folder nor "
        "among klipctl's own templates.",
    ),
    "template_broken": (
        "Templat {template} rusak pada baris {line}: {reason}",
        "The template {template} is broken at line {line}: {reason}",
    ),
    "number_unsure": (
        "Nomor laporan tidak dapat ditetapkan karena berkas {path} tidak dapat dibaca (nomor yang "
        "sudah dipakai bisa terlewat); perbaiki berkas itu lalu coba lagi.",
        "No report number can be given while the file {path} cannot be read (a number already "
        "used could be missed); fix that file and try again.",
    ),
    "signed_report_changed": (
        "Laporan {path} berbeda dari teks yang ditandatangani; pulihkan dengan "
        "`git checkout -- {path}` sebelum melanjutkan.",
        "The report {path} differs from the text that was signed; restore it with "
        "`git checkout -- {path}` before going on.",
    ),
    "pdf_missing": (
        "Keluaran PDF memerlukan WeasyPrint: jalankan `pip install 'klipctl[pdf]'` (di "
        "Debian/Ubuntu juga `apt-get install libpango-1.0-0 libpangoft2-1.0-0`), atau gunakan "
        "--format html lalu cetak ke PDF dari peramban. ({reason})",
        "PDF output needs WeasyPrint: run `pip install 'klipctl[pdf]'` (on Debian/Ubuntu also "
        "`apt-get install libpango-1.0-0 libpangoft2-1.0-0`), or use --format html and print "
        "to PDF from a browser. ({reason})",
    ),
    "pdf_to_terminal": (
        "PDF tidak ditulis ke terminal: berikan -o BERKAS.pdf.",
        "A PDF is not written to a terminal: give -o FILE.pdf.",
    ),
    "bad_period": (
        "Periode tidak sah: berikan tepat satu dari --month YYYY-MM atau --year YYYY.",
        "Not a valid period: give exactly one of --month YYYY-MM or --year YYYY.",
    ),
    "bad_format": (
        "Format '{value}' tidak dikenal; pilih md, html atau pdf.",
        "Unknown format '{value}'; choose md, html or pdf.",
    ),
    # spreadsheets (issue 13)
    "bad_format_sheets": (
        "Format '{value}' tidak dikenal; pilih md, html, pdf, csv atau xlsx.",
        "Unknown format '{value}'; choose md, html, pdf, csv or xlsx.",
    ),
    "xlsx_missing": (
        "Keluaran XLSX memerlukan openpyxl: jalankan `pip install 'klipctl[xlsx]'`, atau gunakan "
        "--format csv. ({reason})",
        "XLSX output needs openpyxl: run `pip install 'klipctl[xlsx]'`, or use --format csv. "
        "({reason})",
    ),
    "xlsx_needs_output": (
        "Buku kerja XLSX ditulis ke berkas: berikan -o BERKAS.xlsx.",
        "An XLSX workbook is written to a file: give -o FILE.xlsx.",
    ),
    "bad_list_format": (
        "Format '{value}' tidak dikenal; pilih table, csv atau json.",
        "Unknown format '{value}'; choose table, csv or json.",
    ),
    "format_json_conflict": (
        "--json sama dengan --format json; jangan berikan bersama --format {value}.",
        "--json is --format json; do not give it with --format {value}.",
    ),
    "sheet_register": ("Log Book", "Log Book"),
    "doc_col_item": ("Uraian", "Item"),
    "doc_col_value": ("Nilai", "Value"),
    "col_workdays_left": ("Sisa hari kerja", "Working days left"),
    "col_standing": ("Keadaan", "Standing"),
    "did_you_mean": (
        "'{value}' bukan ID kegagalan maupun dokumen; maksud Anda `klipctl render {match}`?",
        "'{value}' is neither a failure ID nor a document; did you mean `klipctl render {match}`?",
    ),
    "written": ("Ditulis ke {path}.", "Written to {path}."),
    "report_intact": (
        "Laporan yang ditandatangani utuh (sha256 {digest}).",
        "The signed report is intact (sha256 {digest}).",
    ),
    "report_changed": (
        "PERINGATAN: laporan {path} berbeda dari teks yang ditandatangani (sha256 {digest}); "
        "pulihkan dengan `git checkout` dari commit penandatanganan.",
        "WARNING: the report {path} differs from the text that was signed (sha256 {digest}); "
        "restore it with `git checkout` from the signing commit.",
    ),
    "report_gone": (
        "PERINGATAN: laporan yang ditandatangani ({path}) tidak ada di log book.",
        "WARNING: the signed report ({path}) is missing from the log book.",
    ),
    "report_label": ("Laporan", "Report"),
    # the documents themselves (text on paper)
    "doc_ministry": (
        "KEMENTERIAN KEUANGAN REPUBLIK INDONESIA",
        "MINISTRY OF FINANCE OF THE REPUBLIC OF INDONESIA",
    ),
    "doc_directorate": ("DIREKTORAT JENDERAL PAJAK", "DIRECTORATE GENERAL OF TAXES"),
    # the kop's contact line, labels in capitals as DJP letterheads print them
    "doc_kop_phone": ("TELEPON {value}", "TELEPHONE {value}"),
    "doc_kop_fax": ("FAKSIMILE {value}", "FACSIMILE {value}"),
    "doc_kop_website": ("LAMAN {value}", "WEBSITE {value}"),
    "doc_kop_email": ("SUREL {value}", "EMAIL {value}"),
    "doc_report_title": (
        "LAPORAN\nTENTANG\nHASIL PELAKSANAAN TUGAS PENANGANAN KEGAGALAN SISTEM",
        "REPORT\nON\nTHE RESULT OF HANDLING A SYSTEM FAILURE",
    ),
    "doc_number": ("NOMOR {number}", "NUMBER {number}"),
    "doc_draft_notice": (
        "KONSEP — belum ditandatangani",
        "DRAFT — not signed",
    ),
    "doc_draft_mark": ("KONSEP", "DRAFT"),
    "doc_sec_intro": ("Pendahuluan", "Introduction"),
    "doc_sec_activities": ("Kegiatan yang Dilaksanakan", "Activities Carried Out"),
    "doc_sec_results": ("Hasil yang Dicapai", "Results Achieved"),
    "doc_sec_hindrances": ("Hambatan", "Hindrances"),
    "doc_sec_conclusion": ("Simpulan dan Saran", "Conclusion and Recommendations"),
    "doc_sec_closing": ("Penutup", "Closing"),
    "doc_general": ("Umum", "General"),
    "doc_purpose": ("Maksud dan Tujuan", "Purpose"),
    "doc_scope": ("Ruang Lingkup", "Scope"),
    "doc_basis": ("Dasar", "Basis"),
    "doc_conclusion": ("Simpulan", "Conclusion"),
    "doc_recommendation": ("Saran", "Recommendation"),
    "doc_general_text": (
        "Pada tanggal {date}, {reporter} ({role}) melaporkan kegagalan sistem {system}: "
        "“{title}” (tingkat {severity}). Laporan tersebut tercatat dalam Log Book dengan ID {id}.",
        "On {date}, {reporter} ({role}) reported a failure of the system {system}: “{title}” "
        "(severity {severity}). The report is entered in the Log Book under the ID {id}.",
    ),
    "doc_description": ("Uraian kegagalan: {text}", "Description of the failure: {text}"),
    "doc_purpose_text": (
        "Laporan ini disusun sebagai pertanggungjawaban atas pelaksanaan tugas penanganan "
        "kegagalan sistem tersebut dan disampaikan kepada Kepala {office}.",
        "This report accounts for the handling of that system failure and is submitted to the "
        "Head of the {office}.",
    ),
    "doc_scope_text": (
        "Laporan ini mencakup penanganan sejak laporan kegagalan diterima sampai dengan "
        "pemeriksaan kualitas hasil penyelesaian, dengan jangka waktu penyelesaian paling lama "
        "{days} hari kerja sejak penugasan diterima.",
        "This report covers the handling from the receipt of the failure report to the quality "
        "check of the repair, within at most {days} working days from the assignment.",
    ),
    "doc_basis_sop": (
        "Standard Operating Procedure Nomor LIP10-0072 tentang Tata Cara Penanganan Kegagalan "
        "Sistem.",
        "Standard Operating Procedure Number LIP10-0072 on the Handling of System Failures.",
    ),
    "doc_basis_assign": (
        "Penugasan Kepala Subbagian Tata Usaha dan Kepatuhan Internal kepada {operator} "
        "tanggal {date}.",
        "The assignment by the Head of General Affairs and Internal Compliance to {operator} "
        "on {date}.",
    ),
    "doc_basis_drafter": (
        "Penugasan penyusunan laporan kepada {drafter} tanggal {date}.",
        "The tasking of {drafter} with this report on {date}.",
    ),
    "doc_activities_intro": (
        "Kegiatan penanganan tercatat dalam Log Book sebagai berikut:",
        "The handling is recorded in the Log Book as follows:",
    ),
    "doc_col_no": ("No.", "No."),
    "doc_col_date": ("Tanggal", "Date"),
    "doc_col_activity": ("Kegiatan", "Activity"),
    "doc_col_by": ("Pelaksana", "By"),
    "doc_col_workdays": ("Hari kerja", "Working days"),
    "doc_act_report": ("Laporan kegagalan sistem disampaikan", "System failure reported"),
    "doc_act_record": (
        "Laporan dicatat dalam Log Book dan diteruskan kepada Kepala Subbagian",
        "Report entered in the Log Book and forwarded to the supervisor",
    ),
    "doc_act_assign": ("Penanganan ditugaskan kepada {to}", "Handling assigned to {to}"),
    "doc_act_resolve": (
        "Hasil penyelesaian dilaporkan: {action}",
        "Repair reported: {action}",
    ),
    "doc_act_accept": (
        "Hasil diperiksa dan diterima; penyusunan laporan ditugaskan kepada {drafter}",
        "Repair checked and accepted; {drafter} tasked with the report",
    ),
    "doc_act_reject": (
        "Hasil diperiksa dan ditolak: {reason}",
        "Repair checked and rejected: {reason}",
    ),
    "doc_act_draft": ("Laporan hasil disusun", "Result report drafted"),
    "doc_act_sign": ("Laporan ditandatangani", "Report signed"),
    "doc_act_deliver": (
        "Laporan disampaikan kepada Kepala Kantor",
        "Report delivered to the head of office",
    ),
    "doc_act_archive": ("Laporan ditatausahakan", "Report filed"),
    "doc_act_note": ("{text} (catatan: {note})", "{text} (note: {note})"),
    "doc_act_imported": (
        "{text} (diimpor dari Log Book {file}, baris {row})",
        "{text} (imported from the Log Book {file}, row {row})",
    ),
    "doc_imported_day": ("{date} (diimpor)", "{date} (imported)"),
    "doc_deadline_done": (
        "Penugasan diterima pada tanggal {assigned}; batas waktu penyelesaian {deadline} "
        "({days} hari kerja). Hasil penyelesaian diterima pada tanggal {finished}, {used} hari "
        "kerja sejak penugasan.",
        "The assignment was received on {assigned}; the deadline was {deadline} ({days} working "
        "days). The repair was accepted on {finished}, {used} working days after the assignment.",
    ),
    "doc_deadline_open": (
        "Penugasan diterima pada tanggal {assigned}; batas waktu penyelesaian {deadline} "
        "({days} hari kerja). Sampai dengan tanggal {today} penanganan telah berjalan {used} hari "
        "kerja.",
        "The assignment was received on {assigned}; the deadline is {deadline} ({days} working "
        "days). By {today} the handling has taken {used} working days.",
    ),
    "doc_not_assigned": (
        "Penanganan belum ditugaskan; batas waktu belum berjalan.",
        "The handling has not been assigned yet; no deadline is running.",
    ),
    "doc_result_action": (
        "Kegagalan sistem {system} telah diperbaiki oleh {operator} dengan tindakan: {action}",
        "The failure of the system {system} was repaired by {operator}: {action}",
    ),
    "doc_result_cause": ("Penyebab kegagalan: {cause}", "Cause of the failure: {cause}"),
    "doc_result_repairs": (
        "Kegagalan sistem {system} diperbaiki dalam {n} kali penyelesaian:",
        "The failure of the system {system} was repaired in {n} attempts:",
    ),
    "doc_result_repair": ("{date}, {operator}: {action}", "{date}, {operator}: {action}"),
    "doc_result_repair_cause": (
        "{date}, {operator}: {action} (penyebab: {cause})",
        "{date}, {operator}: {action} (cause: {cause})",
    ),
    "doc_result_accepted": (
        "Hasil penyelesaian telah diperiksa dan diterima oleh {supervisor} pada tanggal {date}.",
        "The repair was checked and accepted by {supervisor} on {date}.",
    ),
    "doc_result_pending": (
        "Penanganan belum selesai; kegagalan masih pada tahap “{stage}”.",
        "The handling is not finished; the failure is still at the stage “{stage}”.",
    ),
    "doc_hindrance_reject": (
        "Hasil penyelesaian ditolak pada tanggal {date} dengan alasan: {reason}; penanganan "
        "dikembalikan kepada {operator}.",
        "The repair was rejected on {date} because: {reason}; the handling went back to "
        "{operator}.",
    ),
    "doc_hindrance_late": (
        "Penanganan sampai {end} melewati batas waktu {deadline} selama {n} hari kerja.",
        "The handling, until {end}, went {n} working days past the deadline of {deadline}.",
    ),
    "doc_hindrance_late_open": (
        "Sampai dengan tanggal {today} penanganan telah melewati batas waktu {deadline} selama "
        "{n} hari kerja.",
        "By {today} the handling has gone {n} working days past the deadline of {deadline}.",
    ),
    "doc_conclusion_in_time": (
        "Kegagalan sistem {system} telah ditangani sesuai SOP LIP10-0072 dan diselesaikan dalam "
        "{used} dari {days} hari kerja, sesuai jangka waktu yang ditetapkan.",
        "The failure of the system {system} was handled under SOP LIP10-0072 and completed in "
        "{used} of {days} working days, within the time allowed.",
    ),
    "doc_conclusion_late": (
        "Kegagalan sistem {system} telah ditangani sesuai SOP LIP10-0072 dan diselesaikan dalam "
        "{used} hari kerja, melewati jangka waktu {days} hari kerja.",
        "The failure of the system {system} was handled under SOP LIP10-0072 and completed in "
        "{used} working days, beyond the {days} working days allowed.",
    ),
    "doc_conclusion_measured": (
        "Kegagalan sistem {system} telah ditangani sesuai SOP LIP10-0072; perbaikannya diterima "
        "pada hari kerja ke-{used} dari {days}. Jangka waktu dihitung sampai {end}.",
        "The failure of the system {system} was handled under SOP LIP10-0072; the repair was "
        "accepted on working day {used} of {days}. The time allowed is counted until {end}.",
    ),
    "doc_conclusion_measured_late": (
        "Kegagalan sistem {system} telah ditangani sesuai SOP LIP10-0072; perbaikannya diterima "
        "pada hari kerja ke-{used}, melewati jangka waktu {days} hari kerja. Jangka waktu "
        "dihitung sampai {end}.",
        "The failure of the system {system} was handled under SOP LIP10-0072; the repair was "
        "accepted on working day {used}, beyond the {days} working days allowed. The time "
        "allowed is counted until {end}.",
    ),
    "doc_ends_at_archived": (
        "laporan hasil diarsipkan (langkah 9 SOP)",
        "the result report is filed (step 9 of the SOP)",
    ),
    "doc_ends_at_accepted": (
        "hasil perbaikan diterima (langkah 5 SOP)",
        "the repair is accepted (step 5 of the SOP)",
    ),
    "doc_conclusion_open": (
        "Penanganan kegagalan sistem {system} masih berlangsung.",
        "The handling of the failure of the system {system} is still under way.",
    ),
    "doc_advice_reject": (
        "Hasil perbaikan agar diuji bersama pelapor sebelum dilaporkan, sehingga tidak ditolak "
        "pada pemeriksaan kualitas.",
        "Repairs should be tested with the reporter before they are reported, so that they are "
        "not rejected at the quality check.",
    ),
    "doc_advice_late": (
        "Pemantauan batas waktu penanganan agar ditingkatkan sehingga penyelesaian tidak "
        "melewati jangka waktu yang ditetapkan.",
        "Deadlines should be watched more closely so that repairs finish within the time allowed.",
    ),
    "doc_advice_watch": (
        "Pemantauan sistem {system} agar dilanjutkan untuk mencegah terulangnya kegagalan serupa.",
        "The system {system} should be kept under watch to prevent a similar failure.",
    ),
    "doc_closing_text": (
        "Demikian laporan ini disampaikan. Atas perhatian Bapak/Ibu diucapkan terima kasih.",
        "This concludes the report. Thank you for your attention.",
    ),
    "doc_signer_title": (
        "Kepala Subbagian Tata Usaha dan Kepatuhan Internal",
        "Head of General Affairs and Internal Compliance",
    ),
    "doc_check": (
        "Teks laporan ini tercatat dalam Log Book kantor dengan ID {id} dan sidik SHA-256 "
        "{digest}. Untuk memeriksa bahwa cetakan ini sama dengan yang tercatat: "
        "klipctl verify {id}.",
        "The text of this report is recorded in the office's Log Book under the ID {id}, with the "
        "SHA-256 fingerprint {digest}. To check that this printout is what was recorded: "
        "klipctl verify {id}.",
    ),
    "doc_check_plain": (
        "Teks laporan ini tercatat dalam Log Book kantor dengan ID {id}; periksa dengan "
        "klipctl verify {id}.",
        "The text of this report is recorded in the office's Log Book under the ID {id}; check "
        "it with klipctl verify {id}.",
    ),
    "doc_nip": ("NIP {nip}", "NIP {nip}"),
    "doc_delivered": (
        "Telah disampaikan kepada Kepala Kantor pada tanggal {date} pukul {time} WIB oleh {name}.",
        "Delivered to the head of office on {date} at {time} WIB by {name}.",
    ),
    "doc_delivery_heading": ("Catatan penyampaian", "Delivery record"),
    "doc_register_title": (
        "LOG BOOK\nPENANGANAN KEGAGALAN SISTEM",
        "LOG BOOK\nOF SYSTEM FAILURE HANDLING",
    ),
    "doc_period": ("Periode {start} s.d. {end}", "Period {start} to {end}"),
    "doc_period_all": ("Seluruh periode", "All periods"),
    "doc_col_id": ("ID", "ID"),
    "doc_col_reported": ("Tanggal lapor", "Reported"),
    "doc_col_reporter": ("Pelapor", "Reporter"),
    "doc_col_system": ("Sistem", "System"),
    "doc_col_title": ("Uraian singkat", "Short description"),
    "doc_col_operator": ("Petugas", "Operator"),
    "doc_col_stage": ("Tahap", "Stage"),
    "doc_col_deadline": ("Tenggat", "Deadline"),
    "doc_col_finished": ("Selesai", "Finished"),
    "doc_col_recorded": ("Dicatat", "Recorded"),
    "doc_col_number": ("Nomor laporan", "Report number"),
    "doc_register_legend": (
        "Selesai: tanggal {end}, akhir jangka waktu 10 hari kerja. Baris tebal: melewati tenggat.",
        "Finished: the day {end}, where the 10 working days end. Rows in bold: past the deadline.",
    ),
    "doc_col_used": ("Hari kerja", "Working days"),
    "doc_col_within": ("Tepat waktu", "Within deadline"),
    "doc_col_count": ("Jumlah", "Count"),
    "doc_col_share": ("Persentase", "Share"),
    "doc_col_week": ("Minggu", "Week"),
    "doc_col_late": ("Terlambat (hari kerja)", "Late (working days)"),
    "doc_col_state": ("Keadaan", "State"),
    "doc_within_yes": ("ya", "yes"),
    "doc_within_no": ("tidak", "no"),
    "doc_within_running": ("berjalan", "running"),
    "doc_within_late": ("terlambat", "late"),
    "doc_none": ("—", "—"),
    "doc_register_empty": (
        "Tidak ada kegagalan yang dilaporkan dalam periode ini.",
        "No failures were reported in this period.",
    ),
    "doc_register_total": (
        "Jumlah: {n} kegagalan; {finished} selesai, {late} melewati tenggat.",
        "Total: {n} failures; {finished} finished, {late} past the deadline.",
    ),
    "doc_printed": ("Dicetak pada {date}.", "Printed on {date}."),
    "doc_recap_title": (
        "REKAPITULASI\nPENANGANAN KEGAGALAN SISTEM",
        "RECAP\nOF SYSTEM FAILURE HANDLING",
    ),
    "doc_recap_month": ("Bulan {month}", "Month of {month}"),
    "doc_recap_year": ("Tahun {year}", "Year {year}"),
    "doc_page": ("Halaman", "Page"),
    "doc_page_of": ("dari", "of"),
    "doc_recap_as_of": ("{period}, keadaan per {today}", "{period}, as of {today}"),
    "doc_recap_summary": ("Ringkasan", "Summary"),
    "doc_recap_total": ("Kegagalan dilaporkan", "Failures reported"),
    "doc_recap_finished": ("Selesai (ditatausahakan)", "Finished (filed)"),
    "doc_recap_within": ("Selesai dalam tenggat", "Finished within the deadline"),
    "doc_recap_median_resolve": (
        "Median hari kerja penugasan → penyelesaian",
        "Median working days assignment → repair",
    ),
    "doc_recap_median_archive": (
        "Median hari kerja penugasan → penatausahaan",
        "Median working days assignment → filing",
    ),
    "doc_recap_by_stage": ("Menurut tahap", "By stage"),
    "doc_recap_by_system": ("Menurut sistem", "By system"),
    "doc_recap_overdue": ("Melewati tenggat", "Past the deadline"),
    "doc_recap_no_overdue": ("Tidak ada yang melewati tenggat.", "Nothing went past its deadline."),
    "doc_recap_weeks": ("Kegagalan per minggu", "Failures per week"),
    "doc_state_open": ("belum selesai", "still open"),
    "doc_state_finished": ("selesai", "finished"),
    "doc_week": ("{start} – {end}", "{start} – {end}"),
    "doc_of": ("{part} dari {whole} ({share})", "{part} of {whole} ({share})"),
    # --
    # -- signatures and verify (issue 5): messages below this line
    "no_key_on_roster": (
        "'{handle}' belum punya kunci SSH di daftar pegawai, padahal log book ini mewajibkan "
        "tanda tangan; tidak ada yang diubah. Buat kunci dengan `ssh-keygen -t ed25519`, lalu "
        "`klipctl roster set-key {handle} --key ~/.ssh/id_ed25519.pub`.",
        "'{handle}' has no SSH key on the roster and this log book requires signatures; nothing "
        "was changed. Make a key with `ssh-keygen -t ed25519`, then "
        "`klipctl roster set-key {handle} --key ~/.ssh/id_ed25519.pub`.",
    ),
    "no_signing_key": (
        "Tidak ada kunci privat untuk menandatangani sebagai '{handle}'; tidak ada yang diubah. "
        "Setel KLIPCTL_SIGNING_KEY ke berkas kunci Anda (mis. ~/.ssh/id_ed25519) atau "
        "`git config user.signingkey ~/.ssh/id_ed25519`.",
        "No private key to sign as '{handle}'; nothing was changed. Set KLIPCTL_SIGNING_KEY to "
        "your key file (e.g. ~/.ssh/id_ed25519) or `git config user.signingkey "
        "~/.ssh/id_ed25519`.",
    ),
    "signing_key_mismatch": (
        "Kunci {path} bukan kunci '{handle}' di daftar pegawai; tidak ada yang diubah. Pakai "
        "kunci yang terdaftar, atau daftarkan yang ini dengan `klipctl roster set-key {handle} "
        "--key {path}.pub`.",
        "The key {path} is not the key the roster holds for '{handle}'; nothing was changed. Use "
        "the registered key, or register this one with `klipctl roster set-key {handle} "
        "--key {path}.pub`.",
    ),
    "signing_key_unreadable": (
        "Kunci penanda tangan {path} tidak dapat dibaca; periksa KLIPCTL_SIGNING_KEY atau "
        "user.signingkey git.",
        "The signing key {path} cannot be read; check KLIPCTL_SIGNING_KEY or git's "
        "user.signingkey.",
    ),
    "ssh_keygen_missing": (
        "ssh-keygen tidak ditemukan; pasang OpenSSH lalu coba lagi.",
        "ssh-keygen was not found; install OpenSSH and try again.",
    ),
    "signing_failed": (
        "ssh-keygen tidak dapat menandatangani dengan {path} (frasa sandi salah atau ssh-agent "
        "tidak berjalan?); tidak ada yang diubah.",
        "ssh-keygen could not sign with {path} (wrong passphrase, or ssh-agent not running?); "
        "nothing was changed.",
    ),
    "set_key_needs_supervisor": (
        "'{handle}' hanya dapat mengganti kuncinya sendiri; kunci '{person}' diganti oleh "
        "Kepala Subbagian atau oleh '{person}' sendiri.",
        "'{handle}' may only set their own key; the key of '{person}' is set by a supervisor "
        "or by '{person}'.",
    ),
    "roster_key_set": (
        "Kunci {handle} diganti mulai sekarang; entri lama tetap diperiksa dengan kunci lamanya.",
        "The key of {handle} is set from now on; older entries are still checked against the "
        "old key.",
    ),
    "verify_ok": (
        "OK: {failures} kegagalan, {entries} entri, {attachments} lampiran, {roster_changes} "
        "perubahan daftar pegawai, {signatures} tanda tangan dan {commits} commit diperiksa; "
        "jejak audit utuh.",
        "OK: {failures} failures, {entries} entries, {attachments} attachments, {roster_changes} "
        "roster changes, {signatures} signatures and {commits} commits checked; the audit trail "
        "is intact.",
    ),
    "verify_failed": (
        "{n} pelanggaran jejak audit ditemukan.",
        "{n} violations of the audit trail found.",
    ),
    "verify_failed_one": (
        "1 pelanggaran jejak audit ditemukan.",
        "1 violation of the audit trail found.",
    ),
    "hook_installed": (
        "Hook dipasang di {path}: pre-receive menolak push yang merusak jejak audit, "
        "post-receive mengirim surat kepada yang bertindak berikutnya (bila notify.enabled) "
        "dan membangun ulang papan (bila site.dir diisi). Antrean surat dan salinan baca "
        "server ada di {folder}.",
        "Hooks installed in {path}: pre-receive refuses pushes that break the audit trail, "
        "post-receive mails whoever acts next (when notify.enabled) and rebuilds the board "
        "(when site.dir is set). The mail queue and the server's reading clone are in {folder}.",
    ),
    # -- configuration (config get/set), mail and the digest (notify, digest)
    "config_unknown_key": (
        "'{name}' bukan pengaturan yang dikenal klipctl; pilih dari: {choices}.",
        "'{name}' is not a setting klipctl knows; choose from: {choices}.",
    ),
    "config_bad_value": (
        "'{value}' bukan nilai yang sah untuk {name}; yang diterima: {expected}.",
        "'{value}' is not a valid value for {name}; it takes: {expected}.",
    ),
    "config_needs_supervisor": (
        "Hanya Kepala Subbagian Tata Usaha dan Kepatuhan Internal yang dapat mengubah "
        "pengaturan log book; '{handle}' tidak memiliki peran itu.",
        "Only a supervisor may change the log book's settings; '{handle}' does not hold that "
        "role.",
    ),
    "config_not_editable": (
        "{name} tidak dapat diubah di {path} karena bentuk berkasnya tidak dikenali; pulihkan "
        "berkas dengan `git checkout -- {path}` lalu ulangi.",
        "{name} cannot be changed in {path} because the file's shape is not recognised; "
        "restore it with `git checkout -- {path}` and try again.",
    ),
    "config_set_done": (
        "{name}: {old} → {new}. Dicatat dan ditandatangani dalam commit {commit}.",
        "{name}: {old} → {new}. Recorded and signed in commit {commit}.",
    ),
    "config_set_same": (
        "{name} sudah bernilai {new}; tidak ada yang diubah.",
        "{name} is already {new}; nothing was changed.",
    ),
    "config_empty": ("(kosong)", "(empty)"),
    # the office's templates and logo (template list/add/remove)
    "template_unknown": (
        "'{name}' bukan templat klipctl atau logo; lihat nama yang bisa dipakai dengan "
        "`klipctl template list`.",
        "'{name}' is not one of klipctl's templates or the logo; see the names you can use with "
        "`klipctl template list`.",
    ),
    "template_too_large": (
        "{path} lebih dari {limit} kB; templat dan logo harus kecil.",
        "{path} is over {limit} kB; templates and the logo must be small.",
    ),
    "logo_not_image": (
        "{path} bukan gambar {kind}; logo berupa berkas PNG (logo.png) atau SVG (logo.svg).",
        "{path} is not a {kind} picture; the logo is a PNG (logo.png) or SVG (logo.svg) file.",
    ),
    "logo_active_svg": (
        "{path} berisi skrip atau tautan ke internet; logo SVG hanya boleh berisi gambar.",
        "{path} holds a script or a link to the internet; an SVG logo may hold only a picture.",
    ),
    "template_needs_supervisor": (
        "Hanya Kepala Subbagian Tata Usaha dan Kepatuhan Internal yang dapat mengubah templat "
        "dan logo kantor; '{handle}' tidak memiliki peran itu.",
        "Only a supervisor may change the office's templates and logo; '{handle}' does not hold "
        "that role.",
    ),
    "template_same": (
        "Log book sudah memuat {name} persis seperti ini; tidak ada yang diubah.",
        "The log book already holds exactly this {name}; nothing was changed.",
    ),
    "template_not_overridden": (
        "Log book tidak memuat {name} milik kantor sendiri; yang dipakai sudah templat klipctl.",
        "The log book holds no office version of {name}; klipctl's own is already in use.",
    ),
    "template_added": (
        "{name} milik kantor dipakai mulai sekarang. Dicatat dan ditandatangani dalam commit "
        "{commit}.",
        "The office's {name} is in use from now on. Recorded and signed in commit {commit}.",
    ),
    "template_replaced": (
        "{name} milik kantor diganti. Dicatat dan ditandatangani dalam commit {commit}.",
        "The office's {name} was replaced. Recorded and signed in commit {commit}.",
    ),
    "template_removed": (
        "{name} milik kantor dihapus; templat klipctl dipakai lagi. Dicatat dan ditandatangani "
        "dalam commit {commit}.",
        "The office's {name} was removed; klipctl's own is used again. Recorded and signed in "
        "commit {commit}.",
    ),
    "col_template": ("Templat", "Template"),
    "col_template_source": ("Dipakai", "In use"),
    "template_own": ("milik kantor ({size})", "the office's ({size})"),
    "template_shipped": ("bawaan klipctl", "klipctl's own"),
    "template_no_logo": ("tidak ada", "none"),
    "value_yes": ("ya", "yes"),
    "value_no": ("tidak", "no"),
    "col_setting": ("Pengaturan", "Setting"),
    "col_value": ("Nilai", "Value"),
    "mail_connect": (
        "Server surat {where} tidak dapat dihubungi ({reason}); periksa notify.smtp_host, "
        "notify.smtp_port dan jaringan server.",
        "The mail server {where} cannot be reached ({reason}); check notify.smtp_host, "
        "notify.smtp_port and the server's network.",
    ),
    "mail_tls": (
        "Sambungan aman (TLS) ke server surat {where} gagal ({reason}); periksa "
        "notify.security (none, starttls atau tls) dan notify.smtp_port.",
        "The secure (TLS) connection to the mail server {where} failed ({reason}); check "
        "notify.security (none, starttls or tls) and notify.smtp_port.",
    ),
    "mail_login": (
        "Server surat {where} menolak login '{user}' ({reason}); periksa notify.username dan "
        "kata sandi dalam variabel lingkungan notify.password_env.",
        "The mail server {where} refused the login '{user}' ({reason}); check notify.username "
        "and the password in the environment variable notify.password_env.",
    ),
    "mail_refused": (
        "Server surat {where} menolak surat ini ({reason}); periksa notify.sender dan alamat "
        "email penerima di daftar pegawai.",
        "The mail server {where} refused the message ({reason}); check notify.sender and the "
        "recipient's email on the roster.",
    ),
    "mail_no_password": (
        "Variabel lingkungan {variable} (notify.password_env) tidak diisi di server; isi di "
        "berkas env di samping repositori pusat.",
        "The environment variable {variable} (notify.password_env) is not set on the server; "
        "set it in the env file beside the central repository.",
    ),
    "notify_no_host": (
        "Server surat belum diatur; isi dengan `klipctl config set notify.smtp_host HOST`.",
        "No mail server is set; set one with `klipctl config set notify.smtp_host HOST`.",
    ),
    "notify_no_sender": (
        "Alamat pengirim belum diatur; isi dengan `klipctl config set notify.sender ALAMAT`.",
        "No sender address is set; set one with `klipctl config set notify.sender ADDRESS`.",
    ),
    "notify_test_sent": (
        "Surat uji dikirim ke {address} melalui {server}; periksa kotak masuknya.",
        "A test mail was sent to {address} through {server}; check its inbox.",
    ),
    "notify_sent": ("klipctl: {n} surat terkirim.", "klipctl: {n} mails sent."),
    "notify_sent_one": ("klipctl: 1 surat terkirim.", "klipctl: 1 mail sent."),
    "notify_waiting": (
        "klipctl: {n} surat menunggu dalam antrean ({problem}); dikirim pada push berikutnya "
        "atau dengan `klipctl notify flush`.",
        "klipctl: {n} mails wait in the queue ({problem}); they are sent with the next push or "
        "by `klipctl notify flush`.",
    ),
    "notify_given_up": (
        "klipctl: {n} surat ditolak server surat dan disimpan di folder failed beserta "
        "alasannya.",
        "klipctl: {n} mails were refused by the mail server and kept in the failed folder with "
        "the reason.",
    ),
    "site_rebuilt": (
        "klipctl: papan diperbarui di {path}.",
        "klipctl: the board is rebuilt in {path}.",
    ),
    "digest_not_working_day": (
        "{day} bukan hari kerja; ringkasan harian tidak dikirim.",
        "{day} is not a working day; no digest is sent.",
    ),
    "digest_nothing": (
        "Tidak ada yang menunggu siapa pun pada {day}; tidak ada ringkasan yang dikirim.",
        "Nothing waits for anyone on {day}; no digest is sent.",
    ),
    "digest_would_send": (
        "{n} ringkasan untuk {day} di atas akan dikirim dengan `klipctl digest --send`.",
        "The {n} digests for {day} above would be sent by `klipctl digest --send`.",
    ),
    "digest_would_send_one": (
        "Ringkasan untuk {day} di atas akan dikirim dengan `klipctl digest --send`.",
        "The digest for {day} above would be sent by `klipctl digest --send`.",
    ),
    "digest_sent": ("{n} ringkasan untuk {day} terkirim.", "{n} digests for {day} sent."),
    "digest_sent_one": ("1 ringkasan untuk {day} terkirim.", "1 digest for {day} sent."),
    "mail_subject_yours": (
        "[KLIP] {id} {title}: menunggu tindakan Anda ({stage})",
        "[KLIP] {id} {title}: waiting for you ({stage})",
    ),
    "mail_subject_news": ("[KLIP] {id} {title}: {stage}", "[KLIP] {id} {title}: {stage}"),
    "mail_subject_digest": (
        "[KLIP] Ringkasan {day}: {n} menunggu Anda",
        "[KLIP] Digest for {day}: {n} waiting for you",
    ),
    "mail_subject_test": ("[KLIP] Surat uji klipctl", "[KLIP] klipctl test mail"),
    "mail_test_body": (
        "Surat ini dikirim oleh `klipctl notify test`: pengaturan surat log book {office} "
        "berfungsi.",
        "This mail was sent by `klipctl notify test`: the mail settings of the {office} log "
        "book work.",
    ),
    "mail_closed": ("selesai", "closed"),
    "doc_mail_hello": ("Yth.", "Dear"),
    "doc_mail_yours": (
        "Kegagalan sistem berikut menunggu tindakan Anda menurut SOP LIP10-0072:",
        "The following system failure waits for you under SOP LIP10-0072:",
    ),
    "doc_mail_news": (
        "Sebagai pemberitahuan, ada langkah baru pada kegagalan sistem berikut:",
        "For your information, a new step was taken on the following system failure:",
    ),
    "doc_mail_system": ("Sistem", "System"),
    "doc_mail_step": ("Langkah terakhir", "Last step"),
    "doc_mail_stage": ("Tahap", "Stage"),
    "doc_mail_deadline": ("Batas waktu", "Deadline"),
    "doc_mail_next": ("Berikutnya", "Next"),
    "doc_mail_command": ("Perintah yang dijalankan:", "The command to run:"),
    "doc_mail_link": ("Lihat di papan:", "See it on the board:"),
    "doc_mail_footer": (
        "Surat ini dikirim otomatis oleh klipctl dari repositori pusat log book; jangan dibalas.",
        "This mail was sent automatically by klipctl from the log book's central repository; "
        "do not reply.",
    ),
    "doc_mail_digest_intro": ("Ringkasan kegagalan sistem untuk", "The system failures digest for"),
    "doc_mail_digest_yours": ("Menunggu tindakan Anda:", "Waiting for you:"),
    "doc_mail_digest_none_yours": (
        "Tidak ada yang menunggu tindakan Anda hari ini.",
        "Nothing waits for you today.",
    ),
    "doc_mail_digest_office": (
        "Terlambat atau mendekati tenggat (2 hari kerja atau kurang), menurut yang bertindak "
        "berikutnya:",
        "Overdue or due within 2 working days, by who acts next:",
    ),
    "doc_mail_board": ("Papan:", "Board:"),
    "hook_not_bare": (
        "{path} bukan repositori git bare (tidak ada folder hooks); berikan repositori pusat.",
        "{path} is not a bare git repository (no hooks folder); give the central repository.",
    ),
    "hook_exists": (
        "Sudah ada hook {path} yang bukan milik klipctl; klipctl tidak menimpanya.",
        "There is already a hook {path} that is not klipctl's; klipctl will not overwrite it.",
    ),
    "hook_refused": (
        "klipctl menolak push ini karena akan merusak jejak audit log book:",
        "klipctl refuses this push because it would break the log book's audit trail:",
    ),
    "hook_refused_end": (
        "Perbaiki commit Anda (hanya klipctl yang menambah entri, jangan mengubah riwayat), "
        "lalu push lagi. Periksa dulu dengan `klipctl verify`.",
        "Fix your commits (only klipctl adds entries; never rewrite history), then push again. "
        "Check first with `klipctl verify`.",
    ),
    "v_where_entry": ("kegagalan {id}, entri {n}", "failure {id}, entry {n}"),
    "v_where_failure": ("kegagalan {id}", "failure {id}"),
    "v_where_change": ("{path}, perubahan {n}", "{path}, change {n}"),
    "v_where_commit": ("commit {commit}", "commit {commit}"),
    "v_chain": (
        "rantai hash putus: entri ini tidak menyambung entri sebelumnya (diubah, dihapus atau "
        "ditukar).",
        "the hash chain is broken: this entry does not follow the one before it (edited, "
        "removed or reordered).",
    ),
    "v_unsigned": (
        "tidak bertanda tangan, padahal log book mewajibkan tanda tangan.",
        "not signed, but the log book requires signatures.",
    ),
    "v_bad_signature": (
        "tanda tangan bukan milik kunci {signer} yang berlaku pada {date} (dipalsukan, diubah, "
        "atau ditandatangani orang lain).",
        "the signature is not by the key {signer} held on {date} (forged, altered, or signed by "
        "someone else).",
    ),
    "v_no_key": (
        "{signer} tidak punya kunci di daftar pegawai pada {date}, jadi tanda tangannya tidak "
        "dapat diperiksa.",
        "{signer} had no key on the roster on {date}, so the signature cannot be checked.",
    ),
    "v_time_order": (
        "bertanggal lebih awal dari entri sebelumnya.",
        "dated before the entry before it.",
    ),
    "v_not_on_roster": (
        "'{actor}' tidak ada dalam daftar pegawai aktif pada {date}.",
        "'{actor}' was not an active person on the roster on {date}.",
    ),
    "v_roster_actor": (
        "'{actor}' tidak berwenang mengubah daftar pegawai pada {date} (bukan Kepala Subbagian).",
        "'{actor}' could not change the roster on {date} (not a supervisor).",
    ),
    "v_wrong_stage": (
        "langkah '{action}' tidak dapat mengikuti tahap '{stage}'.",
        "the step '{action}' cannot follow the stage '{stage}'.",
    ),
    "v_wrong_role": (
        "'{actor}' tidak memegang peran '{as_role}' yang diperlukan untuk '{action}' pada {date}.",
        "'{actor}' did not hold the role '{as_role}' needed for '{action}' on {date}.",
    ),
    "v_not_named": (
        "SOP menunjuk '{named}' untuk '{action}', bukan '{actor}'.",
        "the SOP named '{named}' for '{action}', not '{actor}'.",
    ),
    "v_rewritten": (
        "{path}: baris yang sudah ada diubah atau dihapus; entri hanya boleh ditambahkan.",
        "{path}: lines already there were changed or removed; entries may only be appended.",
    ),
    "v_inserted": (
        "{path}: baris disisipkan sebelum akhir berkas; entri hanya boleh ditambahkan di akhir.",
        "{path}: lines were inserted before the end; entries may only be appended at the end.",
    ),
    "v_deleted_file": ("{path} dihapus.", "{path} was deleted."),
    "v_unreadable_append": (
        "{path}: yang ditambahkan bukan entri yang dapat dibaca.",
        "{path}: what was appended is not a readable entry.",
    ),
    "v_unclaimed": (
        "{path}: commit menambahkan {n} entri yang tidak sesuai dengan yang dinyatakannya "
        "({claimed}).",
        "{path}: the commit appends {n} entries that do not match what it claims ({claimed}).",
    ),
    "v_wrong_author": (
        "dibuat oleh {email}, padahal entrinya milik '{actor}'.",
        "authored by {email}, but the entry is '{actor}''s.",
    ),
    "v_commit_unsigned": (
        "commit entri '{actor}' tidak ditandatangani.",
        "the commit of '{actor}''s entry is not signed.",
    ),
    "v_commit_signature": (
        "tanda tangan commit bukan milik kunci '{actor}' (commit diubah atau ditulis ulang).",
        "the commit's signature is not by '{actor}''s key (amended or rewritten).",
    ),
    "v_allowed_signers": (
        "allowed_signers tidak sesuai dengan kunci di daftar pegawai; pulihkan dengan "
        "`git checkout -- allowed_signers`.",
        "allowed_signers does not match the roster's keys; restore it with "
        "`git checkout -- allowed_signers`.",
    ),
    "v_uncommitted": (
        "{path} memuat perubahan yang tidak di-commit (diubah tangan?); pulihkan dengan "
        "`git checkout -- {path}`.",
        "{path} holds changes not committed (edited by hand?); restore it with "
        "`git checkout -- {path}`.",
    ),
    "v_history_rewritten": (
        "riwayat git ditulis ulang: commit yang sudah diperiksa sebelumnya tidak lagi ada "
        "dalam riwayat (amend, rebase atau reset).",
        "git history was rewritten: a commit verified before is no longer in the history "
        "(amend, rebase or reset).",
    ),
    "v_force_push": (
        "{ref}: push ini mengganti riwayat ({old} bukan leluhur commit baru: amend, rebase atau "
        "force push); jejak audit hanya boleh bertambah.",
        "{ref}: this push replaces history ({old} is not an ancestor of the new commit: amend, "
        "rebase or force push); the audit trail may only grow.",
    ),
    "v_branch_deleted": (
        "{ref}: cabang log book tidak boleh dihapus.",
        "{ref}: a branch of the log book may not be deleted.",
    ),
    # -- sync and doctor (issue 6): messages below this line
    "v_set_aside_wrong_side": (
        "merge sinkronisasi ini menyisihkan entri yang sudah ada di repositori pusat; hanya "
        "entri yang belum pernah sampai di pusat yang boleh disisihkan.",
        "this sync merge sets aside entries the central repository already holds; only entries "
        "that never reached it may be set aside.",
    ),
    "sync_detached": (
        "Log book tidak berada pada sebuah cabang (HEAD terlepas); kembali ke cabangnya dengan "
        "`git switch main`.",
        "The log book is not on a branch (detached HEAD); go back to it with `git switch main`.",
    ),
    "sync_dirty": (
        "Ada perubahan yang belum di-commit ({paths}); commit atau batalkan dulu sebelum "
        "sinkronisasi.",
        "There are uncommitted changes ({paths}); commit or discard them before syncing.",
    ),
    "sync_unrelated": (
        "Repositori pusat '{remote}' tidak berbagi riwayat dengan log book ini; periksa URL-nya "
        "dengan `klipctl status`.",
        "The central repository '{remote}' shares no history with this log book; check its URL "
        "with `klipctl status`.",
    ),
    "sync_kept_central": (
        "{path} juga diubah di repositori pusat: versi pusat yang berlaku, perubahan di sini "
        "tidak dipakai (tetap ada di riwayat git). Bila masih perlu, Kepala Subbagian "
        "mengulanginya dengan `klipctl config set` atau `klipctl template add`.",
        "{path} was changed on the central repository too: the central version stands, the "
        "change made here is not used (it stays in git history). If it is still needed, a "
        "supervisor makes it again with `klipctl config set` or `klipctl template add`.",
    ),
    "sync_gave_up": (
        "Repositori pusat terus berubah selama {attempts} percobaan; coba `klipctl sync` lagi "
        "sebentar lagi.",
        "The central repository kept changing during {attempts} attempts; try `klipctl sync` "
        "again in a moment.",
    ),
    "no_remote": (
        "Belum ada repositori pusat ('{remote}'); tetapkan dengan `klipctl remote set URL`.",
        "No central repository ('{remote}') is set; set one with `klipctl remote set URL`.",
    ),
    "sync_offline": (
        "Repositori pusat '{remote}' tidak dapat dihubungi ({detail}); pekerjaan tetap tersimpan "
        "di sini, coba `klipctl sync` lagi nanti.",
        "The central repository '{remote}' cannot be reached ({detail}); your work is kept here, "
        "try `klipctl sync` again later.",
    ),
    "bad_remote_url": (
        "'{url}' bukan URL repositori yang dapat dipakai; berikan URL atau path git, misalnya "
        "ssh://server/srv/git/logbook.git.",
        "'{url}' is not a usable repository URL; give a git URL or path, e.g. "
        "ssh://server/srv/git/logbook.git.",
    ),
    "remote_unreachable": ("{detail}", "{detail}"),
    "push_refused": (
        "Repositori pusat menolak kiriman ini: {detail}",
        "The central repository refused this push: {detail}",
    ),
    "remote_set": (
        "Repositori pusat '{remote}' sekarang {url}. Jalankan `klipctl sync` untuk menyinkronkan.",
        "The central repository '{remote}' is now {url}. Run `klipctl sync` to sync.",
    ),
    "sync_up_to_date": (
        "Sudah sama dengan repositori pusat '{remote}'.",
        "Already the same as the central repository '{remote}'.",
    ),
    "sync_done": (
        "Sinkron dengan '{remote}': {received} commit diterima, {sent} commit dikirim.",
        "In sync with '{remote}': {received} commit(s) received, {sent} sent.",
    ),
    "sync_auto_offline": (
        "Repositori pusat '{remote}' tidak dapat dihubungi ({detail}): perubahan disimpan di "
        "sini saja; `klipctl sync` mengirimnya nanti.",
        "The central repository '{remote}' cannot be reached ({detail}): the change is kept "
        "here only; `klipctl sync` sends it later.",
    ),
    "sync_auto_problem": (
        "Perubahan disimpan di sini, tetapi belum disinkronkan: {reason}",
        "The change is kept here but not synced: {reason}",
    ),
    "set_aside_theirs": (
        "{chain}: '{action}' oleh {actor} ({at}) tidak masuk, karena repositori pusat lebih dulu "
        "menerima '{their_action}' oleh {their_actor} ({their_at}). Entri Anda tetap tersimpan "
        "dalam riwayat git, commit {commit}.",
        "{chain}: '{action}' by {actor} ({at}) did not go in, because the central repository "
        "first received '{their_action}' by {their_actor} ({their_at}). Your entry is kept in "
        "git history, commit {commit}.",
    ),
    "set_aside_reapplied": (
        "{chain}: '{action}' oleh {actor} masih diizinkan SOP dan dicatat ulang (commit {commit}).",
        "{chain}: '{action}' by {actor} is still allowed by the SOP and was taken again (commit "
        "{commit}).",
    ),
    "set_aside_not_reapplied": (
        "{chain}: '{action}' oleh {actor} tidak dicatat ulang: {reason} Jika masih perlu, "
        "lakukan lagi sesuai tahap sekarang (`klipctl show {chain}`).",
        "{chain}: '{action}' by {actor} was not taken again: {reason} If it is still needed, do "
        "it again as the stage now allows (`klipctl show {chain}`).",
    ),
    "set_aside_other_person": (
        "hanya orang itu sendiri yang dapat mencatatnya ulang (dengan kuncinya).",
        "only that person can take it again (with their key).",
    ),
    "set_aside_roster": (
        "{chain}: '{action}' oleh {actor} tidak dibuat ulang otomatis; jika masih perlu, "
        "supervisor membuatnya lagi (`klipctl {chain} ...`).",
        "{chain}: '{action}' by {actor} is not made again automatically; if it is still needed, "
        "a supervisor makes it again (`klipctl {chain} ...`).",
    ),
    "status_remote": ("Repositori pusat: {remote} = {url}", "Central repository: {remote} = {url}"),
    "status_no_remote": (
        "Repositori pusat: belum ditetapkan (`klipctl remote set URL`); log book ini bekerja "
        "sendiri.",
        "Central repository: not set (`klipctl remote set URL`); this log book works alone.",
    ),
    "status_branch": ("Cabang: {branch}", "Branch: {branch}"),
    "status_unpushed": (
        "Belum dikirim ke repositori pusat: {n} commit",
        "Not yet pushed to the central repository: {n} commit(s)",
    ),
    "status_unpushed_one": (
        "Belum dikirim ke repositori pusat: 1 commit",
        "Not yet pushed to the central repository: 1 commit",
    ),
    "status_all_pushed": (
        "Semua commit sudah ada di repositori pusat (per pengambilan terakhir).",
        "Every commit is on the central repository (as of the last fetch).",
    ),
    "status_never_synced": (
        "Belum pernah disinkronkan dengan repositori pusat: {n} commit hanya ada di sini.",
        "Never synced with the central repository: {n} commit(s) are only here.",
    ),
    "status_behind": (
        "Repositori pusat punya {n} commit yang belum diambil ke sini: `klipctl sync`.",
        "The central repository has {n} commit(s) not yet here: `klipctl sync`.",
    ),
    "status_uncommitted": (
        "Perubahan yang belum di-commit (bukan dari klipctl): {paths}",
        "Uncommitted changes (not made by klipctl): {paths}",
    ),
    "status_interrupted": (
        "Sebuah perintah terhenti di tengah perubahan; perintah klipctl berikutnya memulihkannya.",
        "A command was stopped in the middle of a change; the next klipctl command puts it right.",
    ),
    "status_set_aside": (
        "Disisihkan saat sinkronisasi (tetap ada dalam riwayat git):",
        "Set aside while syncing (still in git history):",
    ),
    "doctor_ok": ("Semua pemeriksaan lulus.", "Every check passed."),
    "doctor_problems": (
        "{n} masalah ditemukan; perbaiki sesuai petunjuk di atas.",
        "{n} problem(s) found; fix them as shown above.",
    ),
    "doctor_problems_one": (
        "1 masalah ditemukan; perbaiki sesuai petunjuk di atas.",
        "1 problem found; fix it as shown above.",
    ),
    "dr_git": ("git {version}", "git {version}"),
    "dr_git_old": (
        "git {version} terlalu lama; pasang git 2.38 atau lebih baru.",
        "git {version} is too old; install git 2.38 or later.",
    ),
    "dr_git_missing": (
        "git tidak ditemukan; pasang git (https://git-scm.com).",
        "git was not found; install git (https://git-scm.com).",
    ),
    "dr_logbook": ("Log book: {path}", "Log book: {path}"),
    "dr_files": (
        "Berkas log book terbaca: konfigurasi, daftar pegawai, kalender, {n} kegagalan.",
        "Log book files read: configuration, roster, calendar, {n} failures.",
    ),
    "dr_file_bad": ("{reason}", "{reason}"),
    "dr_identity": (
        "Anda: {handle} ({name}), peran {roles}.",
        "You: {handle} ({name}), roles {roles}.",
    ),
    "dr_key": (
        "Kunci penanda tangan cocok dengan daftar pegawai ({path}).",
        "The signing key matches the roster ({path}).",
    ),
    "dr_key_optional": (
        "Tidak ada kunci penanda tangan; log book ini tidak mewajibkan tanda tangan.",
        "No signing key; this log book does not require signatures.",
    ),
    "dr_remote_none": (
        "Repositori pusat belum ditetapkan: `klipctl remote set URL` bila kantor punya satu.",
        "No central repository set: `klipctl remote set URL` if the office has one.",
    ),
    "dr_remote_ok": (
        "Repositori pusat dapat dihubungi: {url}",
        "The central repository can be reached: {url}",
    ),
    "dr_remote_bad": (
        "Repositori pusat {url} tidak dapat dihubungi ({detail}); periksa jaringan dan URL "
        "(`klipctl remote set URL`).",
        "The central repository {url} cannot be reached ({detail}); check the network and the "
        "URL (`klipctl remote set URL`).",
    ),
    "dr_lock_free": ("Kunci log book bebas.", "The log book's lock is free."),
    "dr_lock_held": (
        "Perintah klipctl lain sedang mengubah log book (kunci dipegang); tunggu sampai selesai.",
        "Another klipctl command is changing the log book (the lock is held); wait for it.",
    ),
    "dr_interrupted": (
        "Sebuah perintah terhenti di tengah perubahan: jalankan `klipctl doctor --fix` untuk "
        "memulihkannya.",
        "A command was stopped in the middle of a change: run `klipctl doctor --fix` to put it "
        "right.",
    ),
    "dr_recovered": (
        "Perubahan yang terhenti telah dipulihkan.",
        "The interrupted change was put right.",
    ),
    "dr_git_locks": (
        "Berkas kunci git tertinggal ({names}): jalankan `klipctl doctor --fix` (bila tidak ada "
        "git lain yang berjalan).",
        "git lock files left behind ({names}): run `klipctl doctor --fix` (when no other git is "
        "running).",
    ),
    "dr_uncommitted": (
        "Perubahan yang belum di-commit: {paths}; commit dengan git atau batalkan "
        "(`git checkout -- PATH`).",
        "Uncommitted changes: {paths}; commit them with git or discard them "
        "(`git checkout -- PATH`).",
    ),
    "dr_clean": ("Tidak ada perubahan yang belum di-commit.", "No uncommitted changes."),
    # hostile input
    "field_not_utf8": (
        "Isian '{field}' memuat byte yang bukan teks UTF-8; ketik ulang sebagai teks biasa.",
        "The field '{field}' holds bytes that are not UTF-8 text; type it again as plain text.",
    ),
    "argument_not_text": (
        "Argumen '{value}' bukan teks UTF-8 yang sah (byte yang tidak dapat dibaca atau NUL); "
        "log book tidak diubah.",
        "The argument '{value}' is not valid UTF-8 text (an undecodable byte or NUL); the log "
        "book is unchanged.",
    ),
    "input_not_text": (
        "Yang diketik bukan teks UTF-8 yang sah; log book tidak diubah.",
        "What was typed is not valid UTF-8 text; the log book is unchanged.",
    ),
    "text_file_not_utf8": (
        "Berkas {path} bukan teks UTF-8 (byte ke-{byte}); simpan sebagai UTF-8 lalu coba lagi.",
        "The file {path} is not UTF-8 text (byte {byte}); save it as UTF-8 and try again.",
    ),
    "text_file_too_large": (
        "Berkas {path} terlalu besar (paling banyak {limit} byte).",
        "The file {path} is too large (at most {limit} bytes).",
    ),
    "bad_text": (
        "{where}: isian '{field}' memuat karakter kendali, baris baru atau byte yang bukan teks; "
        "pulihkan berkas dengan `git checkout`.",
        "{where}: the field '{field}' holds control characters, line breaks or bytes that are "
        "not text; restore the file with `git checkout`.",
    ),
    "output_in_logbook": (
        "klipctl tidak menulis {path}: itu bagian dari log book sendiri (hanya perintah klipctl "
        "yang mengubahnya); pilih berkas di luarnya.",
        "klipctl will not write {path}: it is part of the log book itself (only klipctl's "
        "commands change it); choose a file outside it.",
    ),
    "file_full": (
        "Perubahan ini membuat {path} lebih besar dari {limit} byte, batas yang dibaca klipctl; "
        "log book tidak diubah.",
        "This change would make {path} larger than {limit} bytes, more than klipctl reads; the "
        "log book is unchanged.",
    ),
    "unknown_commit": (
        "'{value}' bukan commit dalam riwayat log book ini; lihat `git log --oneline`.",
        "'{value}' is not a commit in this log book's history; see `git log --oneline`.",
    ),
    # --
    # -- index and bench (issue 7): messages below this line
    # --
    # -- the office's asides: notes, withdrawal, reassignment, corrections, files, the inbox
    "wrong_role_or_involved": (
        "'{handle}' tidak dapat {action_name}: langkah ini untuk {roles} atau orang yang "
        "terlibat dalam kegagalan ini (pelapor, petugas, penyusun laporan).",
        "'{handle}' cannot {action_name}: this step is for the {roles} or the people involved "
        "in this failure (its reporter, operator, drafter).",
    ),
    "same_assignee": (
        "Kegagalan {id} sudah ditugaskan kepada '{handle}'; sebutkan petugas lain dengan --to.",
        "Failure {id} is already assigned to '{handle}'; name another operator with --to.",
    ),
    "duplicate_of_itself": (
        "Kegagalan {id} tidak dapat menjadi duplikat dirinya sendiri; sebutkan ID lain di "
        "--duplicate-of.",
        "Failure {id} cannot be a duplicate of itself; name another ID with --duplicate-of.",
    ),
    "duplicate_of_withdrawn": (
        "Kegagalan {id} sendiri sudah dibatalkan; sebutkan di --duplicate-of kegagalan yang "
        "masih ditangani.",
        "Failure {id} is itself withdrawn; name with --duplicate-of the one still handled.",
    ),
    "invalid_field": (
        "'{value}' tidak dapat dikoreksi; pilih salah satu: {choices}.",
        "'{value}' cannot be corrected; choose one of: {choices}.",
    ),
    "correction_unchanged": (
        "Isian '{field}' sudah bernilai itu; tidak ada yang perlu dikoreksi.",
        "The field '{field}' already has that value; there is nothing to correct.",
    ),
    "no_files": (
        "Sebutkan paling sedikit satu berkas, mis. `klipctl attach ID tangkapan-layar.png`.",
        "Name at least one file, e.g. `klipctl attach ID screenshot.png`.",
    ),
    "bad_attachment": ("Berkas '{name}' tidak dapat dilampirkan.", "'{name}' cannot be attached."),
    "too_many_files": (
        "{n} berkas terlalu banyak untuk satu lampiran (paling banyak {limit}); kemas dulu "
        "menjadi satu .zip.",
        "{n} files are too many for one attach (at most {limit}); zip them first.",
    ),
    "attachment_too_large": (
        "{path} berukuran {size}, melebihi batas lampiran {limit} (attachments.max_mb di "
        "klipctl.yaml); perkecil atau kompres berkasnya.",
        "{path} is {size}, over the attachment limit of {limit} (attachments.max_mb in "
        "klipctl.yaml); make the file smaller or compress it.",
    ),
    "already_attached": (
        "'{name}' sudah terlampir pada kegagalan ini (sebagai '{as_name}').",
        "'{name}' is already attached to this failure (as '{as_name}').",
    ),
    "no_attachment": (
        "Kegagalan {id} tidak mempunyai lampiran nomor {n} (ada {count}); lihat `klipctl show "
        "{id}`.",
        "Failure {id} has no attachment number {n} (it has {count}); see `klipctl show {id}`.",
    ),
    "attachment_missing": (
        "Berkas lampiran '{name}' tidak ada di {path}; jalankan `klipctl sync` atau `klipctl "
        "verify`.",
        "The attached file '{name}' is missing from {path}; run `klipctl sync` or "
        "`klipctl verify`.",
    ),
    "attachment_changed": (
        "Berkas lampiran '{name}' di {path} tidak sama lagi dengan yang dilampirkan; jalankan "
        "`klipctl verify`.",
        "The attached file '{name}' at {path} is no longer what was attached; run "
        "`klipctl verify`.",
    ),
    "attachment_saved": (
        "Lampiran '{name}' disimpan ke {path}.",
        "Attachment '{name}' saved to {path}.",
    ),
    "attached_line": (
        "Lampiran {n}: {name} ({size}, SHA-256 {sha}…)",
        "Attachment {n}: {name} ({size}, SHA-256 {sha}…)",
    ),
    "output_exists": (
        "{path} sudah ada; sebutkan nama lain dengan --output FILE.",
        "{path} already exists; give another name with --output FILE.",
    ),
    "text_twice": (
        "Sebutkan {flag} atau {file_flag}, tidak keduanya.",
        "Give {flag} or {file_flag}, not both.",
    ),
    "reason_without_reject": (
        "--reason hanya untuk `klipctl sign ID --reject`; untuk menandatangani, hapus --reason.",
        "--reason is only for `klipctl sign ID --reject`; to sign, leave out --reason.",
    ),
    "summary_heading": ("Yang akan dicatat:", "About to be recorded:"),
    "corrected": ("dikoreksi", "corrected"),
    "show_corrected": (
        "{field}: '{old}' → '{new}' (alasan: {reason})",
        "{field}: '{old}' → '{new}' (reason: {reason})",
    ),
    "field_title": ("judul", "title"),
    "field_system": ("sistem", "system"),
    "field_description": ("uraian", "description"),
    "field_severity": ("tingkat", "severity"),
    "entry_reject": ("Ditolak", "Rejected"),
    "entry_return": ("Konsep dikembalikan", "Draft sent back"),
    "entry_reassign": ("Dialihkan", "Reassigned"),
    "entry_withdraw": ("Dibatalkan", "Withdrawn"),
    "entry_correct": ("Koreksi", "Correction"),
    "entry_note": ("Catatan", "Note"),
    "entry_attach": ("Lampiran", "Attachment"),
    "col_withdrawn": ("Dibatalkan", "Withdrawn"),
    "col_duplicate_of": ("Duplikat dari", "Duplicate of"),
    "col_duplicates": ("Duplikatnya", "Its duplicates"),
    "col_no": ("No.", "No."),
    "col_file": ("Berkas", "File"),
    "col_size": ("Ukuran", "Size"),
    "col_command": ("Perintah berikutnya", "Next command"),
    "attachments": ("Lampiran", "Attachments"),
    "inbox_empty": (
        "Tidak ada kegagalan yang menunggu Anda.",
        "No failure is waiting for you.",
    ),
    "inbox_summary": (
        "{n} kegagalan menunggu Anda, {late} di antaranya terlambat.",
        "{n} failures wait for you, {late} of them overdue.",
    ),
    "inbox_summary_one": (
        "1 kegagalan menunggu Anda.",
        "1 failure waits for you.",
    ),
    "inbox_waiting": (
        "{n} kegagalan menunggu Anda: `klipctl inbox`.",
        "{n} failures wait for you: `klipctl inbox`.",
    ),
    "inbox_waiting_one": (
        "1 kegagalan menunggu Anda: `klipctl inbox`.",
        "1 failure waits for you: `klipctl inbox`.",
    ),
    "inbox_waiting_none": ("Tidak ada kegagalan yang menunggu Anda.", "No failure waits for you."),
    "prompt_text": ("Catatan", "Note"),
    "prompt_note": ("Catatan (boleh kosong)", "Note (may be empty)"),
    "prompt_cause": ("Penyebab (boleh kosong)", "Cause (may be empty)"),
    "prompt_field": (
        "Isian yang dikoreksi (title, system, description, severity)",
        "Field to correct (title, system, description, severity)",
    ),
    "prompt_value": ("Nilai yang benar", "The right value"),
    "v_symlink": (
        "{path} adalah symlink; log book hanya berisi berkas biasa (symlink bisa menunjuk ke luar "
        "repositori).",
        "{path} is a symlink; a log book holds only plain files (a symlink may point outside the "
        "repository).",
    ),
    "v_submodule": (
        "{path}: submodule git tidak boleh ada di log book.",
        "{path}: a git submodule has no place in a log book.",
    ),
    "v_gitattributes": (
        "{path}: .gitattributes selain milik klipctl sendiri (filter atau encoding mengubah apa "
        "yang dibaca salinan berikutnya).",
        "{path}: a .gitattributes other than klipctl's own (a filter or an encoding changes what "
        "the next clone reads).",
    ),
    "v_bad_name": (
        "{path}: nama yang tidak pernah ditulis klipctl ('..' atau '.git').",
        "{path}: a name klipctl never writes ('..' or '.git').",
    ),
    "v_case_collision": (
        "{path} dan {other} hanya berbeda huruf besar/kecil: di Windows keduanya satu berkas.",
        "{path} and {other} differ only in case: on Windows they are one file.",
    ),
    "v_after_commit": (
        "entri bertanggal {date}, lebih dari {minutes} menit sesudah commit-nya dibuat.",
        "the entry is dated {date}, more than {minutes} minutes after its commit was made.",
    ),
    "v_future": (
        "bertanggal {date}, lebih dari {minutes} menit sesudah saat diterima repositori pusat "
        "(jam komputer pengirim salah?).",
        "dated {date}, more than {minutes} minutes after the central repository received it "
        "(is the sender's clock wrong?).",
    ),
    "v_key_not_granted": (
        "entri '{actor}' ditandatangani dengan kunci yang baru diberikan daftar pegawai pada "
        "{date}, tetapi di-commit sebelum perubahan itu.",
        "'{actor}''s entry is signed with a key the roster granted on {date}, but committed "
        "before that change.",
    ),
    "v_key_revoked": (
        "entri '{actor}' ditandatangani dengan kunci yang sudah diganti atau dicabut dari daftar "
        "pegawai pada {date}, dan di-commit sesudah perubahan itu.",
        "'{actor}''s entry is signed with a key replaced or taken off the roster on {date}, and "
        "committed after that change.",
    ),
    "n_key_replaced": (
        "'{actor}' mengganti kunci '{handle}' pada {date} (bukan pemiliknya sendiri).",
        "'{actor}' replaced '{handle}''s key on {date} (not its owner).",
    ),
    "verify_notice": ("Catatan: {text}", "Notice: {text}"),
    # every other file of the log book, by its rule (audit.files)
    "v_unknown_file": (
        "{path} bukan berkas yang ditulis klipctl; log book hanya berisi berkas yang punya aturan "
        "(lihat docs/signatures.md).",
        "{path} is not a file klipctl writes; a log book holds only files it has a rule for (see "
        "docs/signatures.md).",
    ),
    "v_merge_made": (
        "merge menulis {path} versinya sendiri, bukan milik salah satu induknya.",
        "the merge wrote its own {path}, not one of its parents'.",
    ),
    "v_file_unclaimed": (
        "{path} diubah oleh commit yang bukan langkah kegagalan itu (commit menyebut '{claimed}').",
        "{path} was changed by a commit that is not a step of that failure (the commit names "
        "'{claimed}').",
    ),
    "v_setup_changed": (
        "{path} dibuat saat log book disiapkan dan tidak pernah diubah; commit ini mengubahnya.",
        "{path} is written when the log book is set up and never changes; this commit changed it.",
    ),
    "v_governed_action": (
        "{path} diubah di luar perintah klipctl untuknya (commit menyebut tindakan '{action}'); "
        "ubah dengan `klipctl config set`, `klipctl calendar` atau `klipctl template`.",
        "{path} was changed outside klipctl's own command for it (the commit names the action "
        "'{action}'); change it with `klipctl config set`, `klipctl calendar` or "
        "`klipctl template`.",
    ),
    "v_governed_actor": (
        "{path} diubah oleh '{actor}', yang bukan supervisor aktif di daftar pegawai saat itu.",
        "{path} was changed by '{actor}', who was not an active supervisor on the roster then.",
    ),
    "v_governed_author": (
        "commit yang mengubah {path} dibuat atas nama {email}, padahal pelakunya '{actor}'.",
        "the commit that changed {path} is authored by {email}, but its actor is '{actor}'.",
    ),
    "v_governed_unsigned": (
        "commit yang mengubah {path} tidak ditandatangani dengan kunci '{actor}'.",
        "the commit that changed {path} is not signed with '{actor}''s key.",
    ),
    "v_governed_signature": (
        "tanda tangan commit yang mengubah {path} bukan milik kunci '{actor}' (commit diubah atau "
        "ditulis ulang).",
        "the signature of the commit that changed {path} is not by '{actor}''s key (amended or "
        "rewritten).",
    ),
    "v_calendar_rewritten": (
        "{path} diubah, bukan ditambah: kalender kantor hanya boleh bertambah.",
        "{path} was rewritten, not appended to: the office calendar only grows.",
    ),
    "v_report_changed": (
        "{path} tidak lagi sama dengan teks laporan yang ditandatangani.",
        "{path} no longer holds the text of the report as it was signed.",
    ),
    "v_draft_changed": (
        "{path} tidak lagi sama dengan konsep laporan yang disusun (diubah sebelum "
        "ditandatangani).",
        "{path} no longer holds the draft as it was composed (changed before it was signed).",
    ),
    "draft_changed": (
        "{path} diubah sesudah konsep disusun; yang ditandatangani harus persis konsep yang "
        "disusun. Kembalikan dengan `git checkout -- {path}`, atau minta konsep disusun ulang.",
        "{path} was changed after the draft was composed; what is signed must be exactly the "
        "draft as composed. Restore it with `git checkout -- {path}`, or have the draft redone.",
    ),
    "v_report_missing": (
        "{path}, laporan hasil yang ditandatangani, tidak ada.",
        "{path}, the signed result report, is missing.",
    ),
    "v_attachment_unreferenced": (
        "{path} ada di folder berkas kegagalan ini, tetapi tidak satu entri pun melampirkannya.",
        "{path} is in this failure's files folder, but no entry attached it.",
    ),
    "v_attachment_missing": (
        "berkas lampiran '{name}' ({path}) tidak ada di log book.",
        "the attached file '{name}' ({path}) is not in the log book.",
    ),
    "v_attachment_changed": (
        "berkas lampiran '{name}' ({path}) tidak sama dengan SHA-256 yang tercatat di entrinya.",
        "the attached file '{name}' ({path}) does not match the SHA-256 its entry records.",
    ),
    # -- documents: the asides in the result report, the register and the recap
    "doc_act_return": (
        "Konsep laporan dikembalikan untuk disusun ulang: {reason}",
        "Draft report sent back to be redone: {reason}",
    ),
    "doc_act_reassign": (
        "Penugasan dialihkan kepada {to}: {reason}",
        "Handling reassigned to {to}: {reason}",
    ),
    "doc_act_withdraw": ("Laporan dibatalkan: {reason}", "Report withdrawn: {reason}"),
    "doc_act_withdraw_duplicate": (
        "Laporan dibatalkan sebagai duplikat {other}: {reason}",
        "Report withdrawn as a duplicate of {other}: {reason}",
    ),
    "doc_act_correct": (
        'Isian {field} dikoreksi menjadi "{value}": {reason}',
        'The {field} corrected to "{value}": {reason}',
    ),
    "doc_act_note_entry": ("Catatan: {text}", "Note: {text}"),
    "doc_act_attach": ("Berkas dilampirkan: {files}", "Files attached: {files}"),
    "doc_attachments": ("Lampiran", "Attachments"),
    "doc_attachment": ("{name} ({size}; SHA-256 {sha}…)", "{name} ({size}; SHA-256 {sha}…)"),
    "doc_withdrawn": ("Dibatalkan: {reason}", "Withdrawn: {reason}"),
    "doc_withdrawn_duplicate": (
        "Dibatalkan, duplikat {other}: {reason}",
        "Withdrawn, a duplicate of {other}: {reason}",
    ),
    "doc_within_withdrawn": ("dibatalkan", "withdrawn"),
    "doc_recap_withdrawn": (
        "Dibatalkan (di luar perhitungan ketepatan waktu)",
        "Withdrawn (left out of the on-time figures)",
    ),
    # -- the roster over time: messages below this line
    "key_held_by": (
        "Kunci publik itu milik '{holder}' dalam daftar pegawai; satu kunci hanya untuk satu "
        "orang, jadi '{handle}' memerlukan kuncinya sendiri (`ssh-keygen -t ed25519`).",
        "That public key belongs to '{holder}' on the roster; one key is for one person only, so "
        "'{handle}' needs a key of their own (`ssh-keygen -t ed25519`).",
    ),
    "v_key_held_by": (
        "perubahan ini memberi '{handle}' kunci yang juga dipegang '{holder}' pada {date}; satu "
        "kunci hanya untuk satu orang.",
        "this change gives '{handle}' the key '{holder}' also held on {date}; one key is for one "
        "person only.",
    ),
    "v_shared_key": (
        "ditandatangani '{signer}' pada {date} dengan kunci yang saat itu juga dipegang "
        "'{others}', jadi tidak dapat dipastikan siapa yang menandatangani.",
        "signed by '{signer}' on {date} with a key '{others}' also held then, so who signed it "
        "cannot be told.",
    ),
    "unknown_handle": (
        "'{handle}' tidak pernah ada dalam daftar pegawai; lihat `klipctl roster list`.",
        "'{handle}' has never been on the roster; see `klipctl roster list`.",
    ),
    "person_removed": (
        "'{handle}' sudah dikeluarkan dari daftar pegawai pada {date}; lihat "
        "`klipctl roster show {handle}`.",
        "'{handle}' was already removed from the roster on {date}; see "
        "`klipctl roster show {handle}`.",
    ),
    "last_supervisor": (
        "'{handle}' adalah satu-satunya Kepala Subbagian dalam daftar pegawai; tambahkan peran "
        "supervisor kepada orang lain dulu (`klipctl roster set-role HANDLE --add supervisor`).",
        "'{handle}' is the roster's only supervisor; give someone else the supervisor role first "
        "(`klipctl roster set-role HANDLE --add supervisor`).",
    ),
    "roster_removed": (
        "{handle} dikeluarkan dari daftar pegawai mulai sekarang; entri yang sudah dibuatnya "
        "tetap sah.",
        "{handle} is removed from the roster from now on; the entries they made stay valid.",
    ),
    "prompt_remove_reason": ("Alasan dikeluarkan", "Reason for the removal"),
    "add_or_remove_role": (
        "Pilih tepat satu: --add ROLE atau --remove ROLE.",
        "Choose exactly one: --add ROLE or --remove ROLE.",
    ),
    "role_already_held": (
        "'{handle}' sudah memegang peran {role} ({role_name}); tidak ada yang diubah.",
        "'{handle}' already holds the role {role} ({role_name}); nothing was changed.",
    ),
    "role_not_held": (
        "'{handle}' tidak memegang peran {role} ({role_name}); lihat "
        "`klipctl roster show {handle}`.",
        "'{handle}' does not hold the role {role} ({role_name}); see "
        "`klipctl roster show {handle}`.",
    ),
    "last_role": (
        "{role} adalah satu-satunya peran '{handle}'; berikan peran lain dulu, atau keluarkan "
        "dengan `klipctl roster remove {handle} --reason TEXT`.",
        "{role} is the only role '{handle}' holds; give another role first, or remove them with "
        "`klipctl roster remove {handle} --reason TEXT`.",
    ),
    "roster_roles_set": (
        "Peran {handle} mulai sekarang: {roles}.",
        "The roles of {handle} from now on: {roles}.",
    ),
    "rs_added": ("ditambahkan dengan peran {roles}", "added with the roles {roles}"),
    "rs_roles": ("peran diubah menjadi {roles}", "roles changed to {roles}"),
    "rs_field": ("{field} diubah menjadi {value}", "{field} changed to {value}"),
    "rs_key": ("kunci ditetapkan: {fingerprint}", "key set: {fingerprint}"),
    "rs_key_none": ("kunci dicabut", "key taken away"),
    "rs_removed": ("dikeluarkan: {reason}", "removed: {reason}"),
    "rs_removed_no_reason": ("dikeluarkan", "removed"),
    "col_status": ("Status", "Status"),
    "col_change": ("Perubahan", "Change"),
    "col_fingerprint": ("Sidik kunci", "Fingerprint"),
    "col_key_type": ("Jenis", "Type"),
    "col_from": ("Sejak", "From"),
    "col_until": ("Sampai", "Until"),
    "person_active": ("aktif", "active"),
    "person_removed_on": ("dikeluarkan pada {date}", "removed on {date}"),
    "person_history": ("Riwayat dalam daftar pegawai", "History on the roster"),
    "person_keys": ("Kunci dari waktu ke waktu", "Keys over time"),
    "key_still_held": ("masih berlaku", "still held"),
    "rs_setup": ("penyiapan", "set-up"),
    # --
    # -- the website (site build)
    "site_inside_logbook": (
        "Folder {path} ada di dalam log book {logbook}; papan dibangun di folder lain, mis. "
        "`klipctl site build ~/papan-klip`.",
        "The folder {path} is inside the log book {logbook}; build the board in another folder, "
        "e.g. `klipctl site build ~/klip-board`.",
    ),
    "site_not_a_folder": (
        "{path} sudah ada dan bukan folder; pilih folder untuk papan.",
        "{path} exists and is not a folder; choose a folder for the board.",
    ),
    "site_not_empty": (
        "Folder {path} berisi berkas lain dan bukan papan klipctl; pilih folder kosong atau "
        "folder papan yang dibangun sebelumnya.",
        "The folder {path} holds other files and is not a klipctl board; choose an empty folder "
        "or one the board was built in before.",
    ),
    "site_cannot_write": (
        "Tidak dapat menulis papan di {path} ({reason}); periksa folder dan haknya.",
        "Cannot write the board in {path} ({reason}); check the folder and its permissions.",
    ),
    "site_no_dir": (
        "Sebutkan folder papan (`klipctl site build FOLDER`) atau atur site.dir dengan "
        "`klipctl config set site.dir FOLDER`.",
        "Name the board's folder (`klipctl site build FOLDER`) or set site.dir with "
        "`klipctl config set site.dir FOLDER`.",
    ),
    "site_built": (
        "Papan dibangun di {path}: {written} berkas ditulis, {unchanged} tidak berubah, "
        "{removed} dihapus ({failures} kegagalan). Buka {index}.",
        "The board is built in {path}: {written} files written, {unchanged} unchanged, "
        "{removed} removed ({failures} failures). Open {index}.",
    ),
    "site_built_violations": (
        "verify menemukan {n} pelanggaran; semuanya tertera pada segel setiap halaman. "
        "Rinciannya: `klipctl verify`.",
        "verify found {n} violations; each page's seal lists them. The details: "
        "`klipctl verify`.",
    ),
    "site_built_violations_one": (
        "verify menemukan 1 pelanggaran; tertera pada segel setiap halaman. Rinciannya: "
        "`klipctl verify`.",
        "verify found 1 violation; each page's seal shows it. The details: `klipctl verify`.",
    ),
    "doc_site_board": ("Papan", "Board"),
    "doc_site_board_title": ("Kegagalan sistem yang masih terbuka", "System failures still open"),
    "doc_site_due": ("Tenggat", "Deadlines"),
    "doc_site_due_title": ("Daftar tenggat", "Due list"),
    "doc_site_periods": ("Register dan rekap", "Register and recap"),
    "doc_site_register": ("Register", "Register"),
    "doc_site_recap": ("Rekap", "Recap"),
    "doc_site_year": ("Setahun", "Whole year"),
    "doc_site_as_of": ("Keadaan {date}", "As of {date}"),
    "doc_site_empty": ("Tidak ada kegagalan yang terbuka.", "No failure is open."),
    "doc_site_next": ("Berikutnya", "Next"),
    "doc_site_left": ("Sisa waktu", "Time left"),
    "doc_site_overdue": ("Terlambat", "Overdue"),
    "doc_site_soon": ("Jatuh tempo dalam 2 hari kerja", "Due within 2 working days"),
    "doc_site_later": ("Tenggat kemudian", "Due later"),
    "doc_site_unassigned": ("Belum ditugaskan", "Not assigned yet"),
    "doc_site_severity": ("Tingkat", "Severity"),
    "doc_site_duplicate_of": ("Duplikat dari", "Duplicate of"),
    "doc_site_description": ("Uraian", "Description"),
    "doc_site_timeline": ("Riwayat", "Timeline"),
    "doc_site_added": ("dilampirkan oleh {who}, {when}", "attached by {who}, {when}"),
    "doc_site_no_files": ("Tidak ada lampiran.", "No files are attached."),
    "doc_site_report": ("Laporan hasil", "Result report"),
    "doc_site_no_report": ("Laporan hasil belum disusun.", "The result report is not drafted yet."),
    "doc_site_report_signed": ("Laporan hasil nomor {number}", "Result report number {number}"),
    "doc_site_report_draft": ("Konsep laporan hasil", "Draft result report"),
    "doc_site_report_draft_state": ("belum ditandatangani", "not signed yet"),
    "doc_site_report_intact": (
        "ditandatangani; teksnya masih persis yang ditandatangani",
        "signed; its text is still exactly what was signed",
    ),
    "doc_site_report_changed": (
        "PERINGATAN: teks yang tersimpan berbeda dari yang ditandatangani",
        "WARNING: the stored text differs from what was signed",
    ),
    "doc_site_report_missing": (
        "PERINGATAN: teks yang ditandatangani tidak ada di log book",
        "WARNING: the signed text is missing from the log book",
    ),
    "doc_site_failure_pages": ("Halaman tiap kegagalan", "Each failure's page"),
    "doc_site_seal_ok": (
        "verify OK pada commit {commit}, {time}",
        "verify OK at commit {commit}, {time}",
    ),
    "doc_site_seal_bad": (
        "verify menemukan {n} pelanggaran pada commit {commit}, {time}:",
        "verify found {n} violations at commit {commit}, {time}:",
    ),
    "doc_site_seal_bad_one": (
        "verify menemukan 1 pelanggaran pada commit {commit}, {time}:",
        "verify found 1 violation at commit {commit}, {time}:",
    ),
    "doc_site_seal_more": (
        "… dan {n} lainnya; lihat `klipctl verify`.",
        "… and {n} more; see `klipctl verify`.",
    ),
    "doc_site_footer": (
        "Papan hanya-baca yang dibangun klipctl dari log book; isinya sama dengan yang dapat "
        "dibaca setiap salinan log book. Untuk jaringan kantor saja.",
        "A read-only board klipctl builds from the log book; it shows what every clone of the "
        "log book can read. For the office network only.",
    ),
    # -- import (an office's earlier Log Book from a spreadsheet)
    "col_row": ("Baris", "Row"),
    "field_file_name": ("nama berkas", "file name"),
    "import_not_clerk": (
        "'{handle}' bukan Pelaksana Subbagian TU dan KI: hanya Pelaksana yang mengimpor Log "
        "Book.",
        "'{handle}' is not a clerk: only a clerk imports a Log Book.",
    ),
    "import_format": (
        "{path}: impor membaca berkas .xlsx atau .csv; simpan Log Book dalam salah satunya.",
        "{path}: import reads .xlsx or .csv files; save the Log Book as one of them.",
    ),
    "import_too_large": (
        "{path} lebih dari {limit} MB; bagi Log Book per tahun lalu impor satu per satu.",
        "{path} is over {limit} MB; split the Log Book by year and import each.",
    ),
    "import_unreadable": (
        "{path} tidak dapat dibaca sebagai buku kerja XLSX ({reason}); simpan ulang dari Excel "
        "sebagai .xlsx atau .csv.",
        "{path} cannot be read as an XLSX workbook ({reason}); save it again from Excel as "
        ".xlsx or .csv.",
    ),
    "xlsx_missing_in": (
        "Membaca XLSX memerlukan openpyxl: jalankan `pip install 'klipctl[xlsx]'`, atau simpan "
        "Log Book sebagai CSV. ({reason})",
        "Reading XLSX needs openpyxl: run `pip install 'klipctl[xlsx]'`, or save the Log Book "
        "as CSV. ({reason})",
    ),
    "import_empty": (
        "{file} tidak memuat baris di bawah baris judul kolom: tidak ada yang diimpor.",
        "{file} holds no rows below its header row: nothing to import.",
    ),
    "import_too_many": (
        "{file} memuat lebih dari {limit} baris, batas sekali impor; bagi per tahun.",
        "{file} holds more than {limit} rows, the most one import takes; split it by year.",
    ),
    "import_again": (
        "{file} sudah pernah diimpor ({n} kegagalan, antara lain {first}); berkas yang sama "
        "tidak diimpor dua kali. Baris yang belum masuk: simpan dalam berkas baru.",
        "{file} was imported already ({n} failures, {first} among them); the same file is "
        "never imported twice. Rows still missing: put them in a new file.",
    ),
    "import_where": ("Baris {row}, kolom {column} ({header})", "Row {row}, column {column} "
                     "({header})"),  # fmt: skip
    "import_where_header": ("Baris {row}, kolom {header}", "Row {row}, column {header}"),
    "import_unknown_column": (
        "judul kolom tidak dikenal; kolom yang dikenal: {known}.",
        "an unknown column header; the known columns: {known}.",
    ),
    "import_repeated_column": ("kolom ini ada dua kali.", "this column appears twice."),
    "import_missing_column": (
        "kolom wajib ini tidak ada (lihat `klipctl import --template`).",
        "this required column is missing (see `klipctl import --template`).",
    ),
    "import_missing_value": ("wajib diisi.", "must be filled in."),
    "import_cell_without_column": (
        "sel berisi di kolom tanpa judul; beri kolomnya judul yang dikenal, atau kosongkan.",
        "a filled cell in a column without a header; give the column a known header, or empty "
        "it.",
    ),
    "import_step_skipped": (
        "tahap ini tercatat padahal tahap sebelumnya ({missing}) kosong.",
        "this step is filled in though the one before it ({missing}) is empty.",
    ),
    "import_bad_date": (
        "'{value}' bukan tanggal; tulis 2025-03-04, 04/03/2025 atau 4 Maret 2025 (boleh "
        "dengan jam 10.15).",
        "'{value}' is not a date; write 2025-03-04, 04/03/2025 or 4 March 2025 (a time such "
        "as 10:15 may follow).",
    ),
    "import_date_future": (
        "'{value}' masih akan datang.",
        "'{value}' is still to come.",
    ),
    "import_date_order": (
        "lebih awal daripada {before}.",
        "earlier than {before}.",
    ),
    "import_unknown_person": (
        "tidak ada '{value}' di daftar pegawai; tulis handle, nama lengkap atau NIP-nya, atau "
        "tambahkan dulu dengan `klipctl roster add`.",
        "nobody on the roster is '{value}'; write their handle, full name or NIP, or add them "
        "first with `klipctl roster add`.",
    ),
    "import_ambiguous_person": (
        "'{value}' cocok dengan lebih dari satu orang ({handles}); tulis handle atau NIP-nya.",
        "'{value}' matches more than one person ({handles}); write their handle or NIP.",
    ),
    "import_ready": (
        "{n} baris siap diimpor dari {file}.",
        "{n} rows ready to import from {file}.",
    ),
    "import_ready_one": (
        "1 baris siap diimpor dari {file}.",
        "1 row ready to import from {file}.",
    ),
    "import_done": (
        "{n} kegagalan diimpor dari {file} (commit {commit}).",
        "{n} failures imported from {file} (commit {commit}).",
    ),
    "import_done_one": (
        "1 kegagalan diimpor dari {file} (commit {commit}).",
        "1 failure imported from {file} (commit {commit}).",
    ),
    "import_refused": (
        "{n} masalah di {file}: tidak ada yang diimpor; perbaiki lalu ulangi.",
        "{n} problems in {file}: nothing imported; fix them and try again.",
    ),
    "import_refused_one": (
        "1 masalah di {file}: tidak ada yang diimpor; perbaiki lalu ulangi.",
        "1 problem in {file}: nothing imported; fix it and try again.",
    ),
    "import_template_written": (
        "Templat Log Book ditulis ke {path}; isi satu baris per kegagalan, lalu "
        "`klipctl import {path}`.",
        "The Log Book template is in {path}; fill in a row per failure, then "
        "`klipctl import {path}`.",
    ),
    "import_template_exists": (
        "{path} sudah ada; templat tidak ditulis di atasnya, sebutkan nama lain.",
        "{path} already exists; the template is not written over it, give another name.",
    ),
    "set_aside_import": (
        "Impor {file} Anda ({n} kegagalan) tidak masuk: repositori pusat sudah mengimpor berkas "
        "yang sama lebih dulu. Tidak ada yang perlu diulang; impor Anda tetap di riwayat "
        "(commit {commit}).",
        "Your import of {file} ({n} failures) did not go in: the central repository imported "
        "the same file first. Nothing to redo; your import stays in history (commit {commit}).",
    ),
    "set_aside_import_one": (
        "Impor {file} Anda (1 kegagalan) tidak masuk: repositori pusat sudah mengimpor berkas "
        "yang sama lebih dulu. Tidak ada yang perlu diulang; impor Anda tetap di riwayat "
        "(commit {commit}).",
        "Your import of {file} (1 failure) did not go in: the central repository imported "
        "the same file first. Nothing to redo; your import stays in history (commit {commit}).",
    ),
    "show_imported": (
        "diimpor oleh {by} dari {file}, baris {row}",
        "imported by {by} from {file}, row {row}",
    ),
    "sheet_logbook": ("Log Book", "Log Book"),
    "sheet_guide": ("Petunjuk", "Guide"),
    "import_guide_column": ("Kolom", "Column"),
    "import_guide_english": ("Judul Inggris", "English header"),
    "import_guide_required": ("Wajib", "Required"),
    "import_guide_meaning": ("Isi", "What it holds"),
    "import_required": ("wajib", "required"),
    "import_col_no": ("Nomor urut di Log Book lama (disimpan, tidak dipakai).",
                      "The number in the old Log Book (kept, not used)."),  # fmt: skip
    "import_col_reported": (
        "Tanggal laporan diterima: 2025-03-04, 04/03/2025 atau 4 Maret 2025, boleh dengan jam "
        "(10.15); tanpa jam dianggap 08.00 WIB.",
        "The day the report came in: 2025-03-04, 04/03/2025 or 4 March 2025, a time (10:15) "
        "may follow; without one, 08:00 WIB.",
    ),
    "import_col_reporter": (
        "Pelapor: handle, nama lengkap atau NIP seseorang di daftar pegawai (NIP diketik "
        "sebagai teks).",
        "Who reported it: the handle, full name or NIP of someone on the roster (a NIP typed "
        "as text).",
    ),
    "import_col_system": ("Sistem yang gagal.", "The system that failed."),
    "import_col_title": ("Judul singkat kegagalan.", "A short title of the failure."),
    "import_col_description": ("Uraian kegagalan (boleh kosong).",
                               "What happened (may be empty)."),  # fmt: skip
    "import_col_severity": ("rendah, sedang, tinggi atau kritis (kosong: sedang).",
                            "low, medium, high or critical (empty: medium)."),  # fmt: skip
    "import_col_recorded": ("Tanggal dicatat di Log Book (kosong: tanggal lapor).",
                            "The day it was recorded (empty: the day reported)."),  # fmt: skip
    "import_col_recorder": (
        "Pelaksana yang mencatat (kosong: yang mengimpor).",
        "The clerk who recorded it (empty: the one importing).",
    ),
    "import_col_assigned": ("Tanggal penugasan; jangka waktu 10 hari kerja dihitung dari sini.",
                            "The day it was assigned; the 10 working days count from it."),
    "import_col_assigner": ("Kepala Subbagian yang menugaskan.",
                            "The supervisor who assigned it."),  # fmt: skip
    "import_col_operator": ("Petugas Dukungan Sistem yang ditugaskan.",
                            "The operator assigned."),  # fmt: skip
    "import_col_repaired": ("Tanggal hasil perbaikan dilaporkan.",
                            "The day the repair was reported."),  # fmt: skip
    "import_col_action": ("Tindakan perbaikan (wajib bila ada Tanggal Selesai).",
                          "What was done (required with a repair date)."),  # fmt: skip
    "import_col_cause": ("Penyebab (boleh kosong).", "The cause (may be empty)."),
    "import_col_accepted": ("Tanggal hasil diperiksa dan diterima.",
                            "The day the repair was checked and accepted."),  # fmt: skip
    "import_col_reviewer": ("Kepala Subbagian yang menerima hasil.",
                            "The supervisor who accepted it."),  # fmt: skip
    "import_col_drafter": (
        "Pelaksana yang ditugasi menyusun laporan hasil (lanjut di klipctl: `klipctl draft`).",
        "The clerk tasked with the result report (it goes on in klipctl: `klipctl draft`).",
    ),
    "import_col_note": ("Catatan (disimpan pada entri pencatatan).",
                        "A note (kept on the record entry)."),  # fmt: skip
    "v_import_outside": (
        "{path}: entri bertanda impor di luar commit impor oleh {by}.",
        "{path}: an entry marked imported outside an import commit by {by}.",
    ),
    "v_import_commit": (
        "{path}: commit impor hanya boleh menambah berkas kegagalan baru berisi entri impor "
        "dari berkasnya.",
        "{path}: an import commit may only add new failure files holding entries imported "
        "from its file.",
    ),
    "v_import_marker": (
        "tanda impor entri ({action}, {actor}) tidak sesuai dengan entri impor lain kegagalan "
        "ini, atau entri impor datang setelah entri biasa.",
        "the import marker of the entry ({action}, {actor}) differs from the failure's other "
        "imported entries, or comes after an ordinary entry.",
    ),
    "v_import_not_clerk": (
        "entri ({action}, {actor}) diimpor oleh {by}, yang bukan Pelaksana pada {date}.",
        "the entry ({action}, {actor}) was imported by {by}, not a clerk on {date}.",
    ),
    "v_import_after": (
        "entri ({action}, {actor}) bertanggal {date}, setelah diimpor ({imported}).",
        "the entry ({action}, {actor}) is dated {date}, after it was imported ({imported}).",
    ),
}

SEVERITY_NAMES: dict[str, tuple[str, str]] = {
    "low": ("rendah", "low"),
    "medium": ("sedang", "medium"),
    "high": ("tinggi", "high"),
    "critical": ("kritis", "critical"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


class Messages:
    """The catalogue in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE

    def __call__(self, key: str, **params: Any) -> str:
        if params.get("n") == 1 and f"{key}_one" in CATALOGUE:
            key = f"{key}_one"
        return _pick(CATALOGUE[key], self.lang).format(**params)

    def stage(self, stage: str) -> str:
        return _pick(STAGE_NAMES[stage], self.lang)

    def role(self, role: str) -> str:
        return _pick(ROLE_NAMES[role], self.lang)

    def action(self, action: str) -> str:
        return _pick(ACTION_NAMES[action], self.lang)

    def severity(self, severity: str) -> str:
        return _pick(SEVERITY_NAMES.get(severity, (severity, severity)), self.lang)

    def next_step(
        self, failure_id: str, actions: Sequence[str], role: str | None, handle: str | None
    ) -> str:
        """One sentence: who takes the next step of the SOP, and the command they type."""
        if not actions or role is None:
            return self("next_done")
        who = f"{self.role(role)} ({handle})" if handle else self.role(role)
        command = "review" if set(actions) == {"accept", "reject"} else _command(actions[0])
        what = self.action(actions[0]) if len(actions) == 1 else self.action("accept")
        return self("next_is", who=who, what=what, command=command, id=failure_id)

    def error(self, key: str, params: Mapping[str, Any]) -> str:
        """An error's sentence, with the parts that need composing filled in here.

        Values are echoed escaped and cut short: they may be what someone typed or a damaged
        file holds, and must not break the sentence or drive the terminal.
        """
        p = {k: printable(v, 200) if isinstance(v, str) else v for k, v in params.items()}
        if isinstance(p.get("field"), str) and f"field_{p['field']}" in CATALOGUE:
            p["field"] = self(f"field_{p['field']}")
        if "action" in p and key in ("wrong_role", "not_named_person", "wrong_role_or_involved"):
            p["action_name"] = self.action(p["action"])
        if "roles" in p:
            p["roles"] = " / ".join(self.role(r) for r in p["roles"])
        if "role" in p:
            p["role_name"] = self.role(p["role"])
        if key == "wrong_stage":
            p["stage_name"] = self.stage(p["stage"])
            p["action"] = _command(p["action"])
            p["next"] = self.next_step(p["id"], p["next_actions"], p["next_role"], p["next_handle"])
        return self(key, **p)


def _command(action: str) -> str:
    return {
        "accept": "review --accept",
        "reject": "review --reject",
        "return": "sign --reject",
    }.get(action, action)


def detect_language(flag: str | None, env: Mapping[str, str], configured: str | None = None) -> str:
    """--lang, then $KLIPCTL_LANG, then the log book's setting, then the locale; Indonesian last."""
    for choice in (flag, env.get("KLIPCTL_LANG"), configured):
        if choice:
            code = choice.lower()[:2]
            if code in LANGUAGES:
                return code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value[:2] in LANGUAGES and value[2:3] in ("_", ".", ""):
            return value[:2]
        if value.split(".")[0] in ("C", "POSIX"):
            # No language chosen (Python would read C.UTF-8 as en_US): the office's own.
            return DEFAULT_LANGUAGE
    try:
        current = locale.getlocale()[0] or ""
    except ValueError:
        current = ""
    return current[:2] if current[:2] in LANGUAGES else DEFAULT_LANGUAGE


# Help for commands and options: (Indonesian, English). Examples end each command's help.
HELP: dict[str, tuple[str, str]] = {
    "app": (
        'klipctl menjalankan SOP LIP10-0072 "Tata Cara Penanganan Kegagalan Sistem" di atas '
        "log book YAML yang dilacak git.",
        'klipctl runs SOP LIP10-0072 "Tata Cara Penanganan Kegagalan Sistem" over a '
        "git-tracked YAML log book.",
    ),
    "intro": (
        "\b\nContoh:\n"
        "  klipctl demo                       log book contoh, lalu papan status\n"
        "  klipctl init ~/logbook             membuat log book baru\n"
        '  klipctl report --title "Server cetak mati" --system "Printer Server"\n'
        "  klipctl list                       kegagalan yang masih terbuka\n"
        "  klipctl show ID                    rincian dan riwayat satu kegagalan\n"
        "  klipctl sync                       sinkron dengan repositori pusat\n"
        "  klipctl doctor                     periksa penyiapan terminal ini\n"
        "Alur SOP: report → record → assign → resolve → review → draft → sign → deliver → "
        "archive.\nBantuan tiap perintah: klipctl PERINTAH -h",
        "\b\nExamples:\n"
        "  klipctl demo                       an example log book, then the board\n"
        "  klipctl init ~/logbook             make a new log book\n"
        '  klipctl report --title "Print server down" --system "Printer Server"\n'
        "  klipctl list                       the failures still open\n"
        "  klipctl show ID                    one failure with its timeline\n"
        "  klipctl sync                       sync with the central repository\n"
        "  klipctl doctor                     check this terminal's set-up\n"
        "SOP flow: report → record → assign → resolve → review → draft → sign → deliver → "
        "archive.\nHelp on a command: klipctl COMMAND -h",
    ),
    "opt_logbook": (
        "Folder log book (selain itu KLIPCTL_LOGBOOK, lalu mencari ke atas).",
        "The log book folder (else KLIPCTL_LOGBOOK, else searched upward).",
    ),
    "opt_lang": ("Bahasa keluaran: id atau en.", "Output language: id or en."),
    "opt_no_input": (
        "Jangan pernah bertanya; sebutkan isian yang kurang.",
        "Never ask questions; name the missing flags instead.",
    ),
    "opt_version": ("Tampilkan versi lalu keluar.", "Show the version and exit."),
    "opt_install_completion": (
        "Pasang pelengkapan otomatis (Tab) untuk shell ini (bash, zsh, fish, PowerShell).",
        "Install Tab completion for this shell (bash, zsh, fish, PowerShell).",
    ),
    "opt_show_completion": (
        "Tampilkan skrip pelengkapan otomatis untuk shell ini, untuk dipasang sendiri.",
        "Show the completion script for this shell, to install it yourself.",
    ),
    "opt_json": ("Keluaran JSON untuk skrip.", "JSON output for scripts."),
    "opt_yes": ("Jangan minta konfirmasi.", "Do not ask for confirmation."),
    "opt_note": ("Catatan tambahan untuk entri ini.", "An extra note for this entry."),
    "arg_id": ("ID kegagalan (awalan unik pun cukup).", "Failure ID (any unique prefix)."),
    "init": (
        "Membuat log book baru (repositori git) di FOLDER.\n\n\b\nContoh: klipctl init ~/logbook",
        "Make a new log book (a git repository) in FOLDER.\n\n\b\nExample: klipctl init ~/logbook",
    ),
    "arg_folder": ("Folder log book baru.", "Folder for the new log book."),
    "demo": (
        "Membuat log book contoh sekali pakai, menjalankan beberapa kegagalan melalui SOP "
        "(satu ditolak sekali saat pemeriksaan) dan menampilkan papan status.\n\n"
        "\b\nContoh: klipctl demo",
        "Make a throw-away example log book, walk several failures through the SOP (one rejected "
        "once at review) and print the board.\n\n\b\nExample: klipctl demo",
    ),
    "opt_demo_path": (
        "Buat log book demo di sini (folder baru).",
        "Make the demo log book here (a new folder).",
    ),
    "report": (
        "Langkah 1: menyampaikan laporan kegagalan sistem. Mencetak ID baru.\n\n"
        'Contoh: klipctl report --title "Server cetak mati" --system "Printer Server" '
        "--severity high",
        "Step 1: report a system failure. Prints the new ID.\n\n"
        'Example: klipctl report --title "Print server down" --system "Printer Server" '
        "--severity high",
    ),
    "opt_title": ("Judul singkat, satu baris.", "Short title, one line."),
    "opt_system": ("Sistem yang gagal.", "The failing system."),
    "opt_description": ("Uraian kegagalan.", "Description of the failure."),
    "opt_text_file": (
        "Baca teksnya dari berkas ('-' untuk stdin).",
        "Read the text from a file ('-' for stdin).",
    ),
    "opt_edit": (
        "Tulis teks utamanya di $VISUAL/$EDITOR (notepad di Windows, nano di Linux).",
        "Write the main text in $VISUAL/$EDITOR (notepad on Windows, nano on Linux).",
    ),
    "opt_severity": (
        "Tingkat: low, medium, high, critical.",
        "Severity: low, medium, high, critical.",
    ),
    "record": (
        "Langkah 2 (Pelaksana Subbagian TU dan KI): mencatat laporan dalam Log Book dan "
        "meneruskannya.\n\n\b\nContoh: klipctl record 1kq8f",
        "Step 2 (clerk): record the report in the Log Book and forward it.\n\n"
        "\b\nExample: klipctl record 1kq8f",
    ),
    "assign": (
        "Langkah 3 (Kepala Subbagian): menugaskan Petugas Dukungan Sistem; tenggat 10 hari "
        "kerja dimulai.\n\n\b\nContoh: klipctl assign 1kq8f --to andi",
        "Step 3 (supervisor): assign a system support operator; the 10-working-day deadline "
        "starts.\n\n\b\nExample: klipctl assign 1kq8f --to andi",
    ),
    "opt_to": ("Handle Petugas Dukungan Sistem.", "Handle of the operator."),
    "resolve": (
        "Langkah 4 (petugas yang ditugaskan): melaporkan hasil penyelesaian.\n\n"
        'Contoh: klipctl resolve 1kq8f --action "Spooler dimulai ulang"',
        "Step 4 (the assigned operator): report the repair.\n\n"
        'Example: klipctl resolve 1kq8f --action "Restarted the spooler"',
    ),
    "opt_action": ("Tindakan perbaikan yang dilakukan.", "What was done to repair it."),
    "opt_cause": ("Penyebab kegagalan, bila diketahui.", "The cause, when known."),
    "review": (
        "Langkah 5 (Kepala Subbagian): memeriksa kualitas; terima dan tugaskan penyusun laporan, "
        "atau tolak dan kembalikan ke petugas.\n\n"
        "\b\nContoh: klipctl review 1kq8f --accept --drafter sari\n"
        '        klipctl review 1kq8f --reject --reason "Masih gagal saat dicetak"',
        "Step 5 (supervisor): check the work; accept and task a clerk with the report, or reject "
        "it back to the operator.\n\n"
        "\b\nExample: klipctl review 1kq8f --accept --drafter sari\n"
        '         klipctl review 1kq8f --reject --reason "Still fails when printing"',
    ),
    "opt_accept": ("Terima hasil penyelesaian.", "Accept the repair."),
    "opt_reject": ("Tolak hasil penyelesaian.", "Reject the repair."),
    "opt_drafter": ("Handle pelaksana yang menyusun laporan.", "Handle of the clerk who drafts."),
    "opt_reason": ("Alasannya, dengan kata-kata sendiri.", "Why, in your own words."),
    "draft": (
        "Langkah 6 (pelaksana yang ditugaskan): menyusun laporan hasil.\n\n"
        "\b\nContoh: klipctl draft 1kq8f",
        "Step 6 (the tasked clerk): draft the result report.\n\n\b\nExample: klipctl draft 1kq8f",
    ),
    "sign": (
        "Langkah 7 (Kepala Subbagian): menandatangani laporan hasil, atau dengan --reject "
        "mengembalikan konsepnya kepada penyusun untuk disusun ulang.\n\n"
        "\b\nContoh:\n  klipctl sign 1kq8f\n"
        '  klipctl sign 1kq8f --reject --reason "Lengkapi penyebabnya"',
        "Step 7 (supervisor): sign the result report, or with --reject send the draft back to "
        "its drafter to be redone.\n\n\b\nExamples:\n  klipctl sign 1kq8f\n"
        '  klipctl sign 1kq8f --reject --reason "Give the cause"',
    ),
    "opt_sign_reject": (
        "Kembalikan konsep kepada penyusunnya (dengan --reason); nomor laporan diberikan saat "
        "ditandatangani nanti.",
        "Send the draft back to its drafter (with --reason); the report number is given when "
        "it is finally signed.",
    ),
    "reassign": (
        "Langkah 3 (Kepala Subbagian): mengalihkan kegagalan yang sudah ditugaskan (juga setelah "
        "ditolak) kepada petugas lain, mis. yang lama cuti atau mutasi. Tenggat tetap dihitung "
        "dari penugasan pertama kecuali deadline.reassign_restarts: true di klipctl.yaml.\n\n"
        '\b\nContoh: klipctl reassign 1kq8f --to dewi --reason "Andi cuti sampai 20 Mei"',
        "Step 3 (supervisor): hand an assigned failure (also after a rejection) to another "
        "operator, e.g. when the first is on leave or transferred. The deadline still counts "
        "from the first assignment unless deadline.reassign_restarts: true in klipctl.yaml.\n\n"
        '\b\nExample: klipctl reassign 1kq8f --to dewi --reason "Andi is on leave until 20 May"',
    ),
    "note": (
        "Siapa pun di daftar pegawai: menambahkan catatan pada kegagalan, di tahap mana pun; "
        "tahapnya tidak berubah.\n\n"
        '\b\nContoh: klipctl note 1kq8f --text "Menunggu suku cadang dari vendor"',
        "Anyone on the roster: add a note to a failure at any stage; the stage stays.\n\n"
        '\b\nExample: klipctl note 1kq8f --text "Waiting for a spare part"',
    ),
    "opt_text": ("Isi catatan.", "The note."),
    "withdraw": (
        "Pelaksana atau Kepala Subbagian: membatalkan laporan yang belum diselesaikan (laporan "
        "ganda, atau bukan kegagalan sistem). Tidak dihitung dalam ketepatan waktu.\n\n"
        "\b\nContoh:\n"
        '  klipctl withdraw 1kq8f --reason "Laporan ganda" --duplicate-of 1kq7a\n'
        '  klipctl withdraw 1kq8f --reason "Bukan kegagalan sistem: kertas habis"',
        "A clerk or the supervisor: withdraw a failure not yet resolved (a report sent twice, or "
        "not a system failure). Left out of the on-time figures.\n\n"
        "\b\nExamples:\n"
        '  klipctl withdraw 1kq8f --reason "Sent twice" --duplicate-of 1kq7a\n'
        '  klipctl withdraw 1kq8f --reason "Not a system failure: out of paper"',
    ),
    "opt_duplicate_of": (
        "ID kegagalan yang tetap ditangani, bila ini duplikatnya.",
        "The ID of the failure still handled, when this one duplicates it.",
    ),
    "correct": (
        "Pelapor, Pelaksana atau Kepala Subbagian: mengoreksi judul, sistem, uraian atau "
        "tingkat sebelum laporan ditandatangani; nilai semula tetap terlihat di riwayat.\n\n"
        '\b\nContoh: klipctl correct 1kq8f --field system --value "SIDJP" --reason "Salah ketik"',
        "The reporter, a clerk or the supervisor: correct the title, system, description or "
        "severity before the report is signed; the original stays in the timeline.\n\n"
        '\b\nExample: klipctl correct 1kq8f --field system --value "SIDJP" --reason "Typo"',
    ),
    "opt_field": (
        "Isian yang dikoreksi: title, system, description atau severity.",
        "The field to correct: title, system, description or severity.",
    ),
    "opt_value": ("Nilai yang benar.", "The right value."),
    "attach": (
        "Siapa pun yang terlibat: melampirkan berkas (tangkapan layar, log) pada kegagalan. "
        "Berkas disimpan di log book, dicatat nama, ukuran, jenis dan SHA-256-nya.\n\n"
        '\b\nContoh: klipctl attach 1kq8f layar.png error.log --note "Pesan galat"',
        "Anyone involved: attach files (a screenshot, a log) to a failure. Each is stored in "
        "the log book, with its name, size, type and SHA-256 in the signed entry.\n\n"
        '\b\nExample: klipctl attach 1kq8f screen.png error.log --note "The error"',
    ),
    "arg_files": ("Berkas yang dilampirkan.", "The files to attach."),
    "import": (
        "Pelaksana: mengimpor Log Book lama dari XLSX atau CSV (susunan kolom: `klipctl "
        "import --template FILE`). Setiap baris diperiksa lebih dulu dan setiap masalah "
        "disebut per baris dan kolom; lalu semua baris diimpor, atau tidak satu pun. Setiap "
        "baris menjadi satu kegagalan dengan entri pelaporan, pencatatan, penugasan, perbaikan "
        "dan penerimaan sejauh barisnya, bertanda diimpor dan ditandatangani Pelaksana.\n\n"
        "\b\nContoh:\n  klipctl import --template logbook.xlsx\n"
        "  klipctl import logbook.xlsx --check\n  klipctl import logbook.xlsx",
        "A clerk: import an earlier Log Book from XLSX or CSV (the columns: `klipctl import "
        "--template FILE`). Every row is checked first and every problem named by row and "
        "column; then all rows are imported, or none. Each row becomes a failure with its "
        "report, record, assignment, repair and acceptance as far as the row goes, marked "
        "imported and signed by the clerk.\n\n"
        "\b\nExamples:\n  klipctl import --template logbook.xlsx\n"
        "  klipctl import logbook.xlsx --check\n  klipctl import logbook.xlsx",
    ),
    "arg_import_file": (
        "Log Book dalam .xlsx atau .csv (dengan --template: berkas yang ditulis).",
        "The Log Book as .xlsx or .csv (with --template: the file to write).",
    ),
    "opt_import_check": (
        "Hanya periksa setiap baris; tidak menulis apa pun.",
        "Only check every row; write nothing.",
    ),
    "opt_import_template": (
        "Tulis templat kosong (judul kolom; pada .xlsx juga lembar petunjuk) ke FILE.",
        "Write an empty template (the column headers; in .xlsx also a guide sheet) to FILE.",
    ),
    "attachment": (
        "Mengambil kembali lampiran nomor N (lihat `klipctl show ID`), diperiksa terhadap "
        "SHA-256-nya.\n\n\b\nContoh: klipctl attachment 1kq8f 1 -o layar.png",
        "Get attachment number N back (see `klipctl show ID`), checked against its SHA-256."
        "\n\n\b\nExample: klipctl attachment 1kq8f 1 -o screen.png",
    ),
    "arg_attachment_n": ("Nomor lampiran, dari 1.", "The attachment's number, from 1."),
    "opt_attachment_output": (
        "Simpan ke berkas ini (selain itu: nama aslinya, di folder ini).",
        "Save to this file (else: its own name, in this folder).",
    ),
    "inbox": (
        "Yang menunggu Anda: setiap kegagalan yang langkah berikutnya menurut SOP adalah "
        "giliran Anda, yang terlambat lebih dulu, dengan perintah berikutnya. "
        "Nama lain: `klipctl tugas`.\n\n\b\nContoh: klipctl inbox",
        "What waits for you: every failure whose next SOP step is yours, overdue first, with "
        "the command to run next. Also `klipctl tugas`.\n\n\b\nExample: klipctl inbox",
    ),
    "deliver": (
        "Langkah 8 (Kepala Subbagian): menyampaikan laporan kepada Kepala Kantor.\n\n"
        "\b\nContoh: klipctl deliver 1kq8f",
        "Step 8 (supervisor): deliver the report to the head of office.\n\n"
        "\b\nExample: klipctl deliver 1kq8f",
    ),
    "archive": (
        "Langkah 9-10 (Pelaksana Subbagian TU dan KI): menatausahakan laporan; prosedur "
        "selesai.\n\n\b\nContoh: klipctl archive 1kq8f",
        "Steps 9-10 (clerk): file the report; the procedure is complete.\n\n"
        "\b\nExample: klipctl archive 1kq8f",
    ),
    "show": (
        "Menampilkan satu kegagalan: tahap, tenggat, sisa hari kerja dan riwayatnya.\n\n"
        "\b\nContoh: klipctl show 1kq8f",
        "Show one failure: stage, deadline, working days left and its timeline.\n\n"
        "\b\nExample: klipctl show 1kq8f",
    ),
    "list": (
        "Daftar kegagalan yang masih terbuka (atau semua dengan --all).\n\n"
        "\b\nContoh: klipctl list --overdue\n"
        "         klipctl list --stage assigned --assignee andi",
        "List the failures still open (or all with --all).\n\n"
        "\b\nExample: klipctl list --overdue\n"
        "         klipctl list --stage assigned --assignee andi",
    ),
    "opt_stage": ("Hanya tahap ini.", "Only this stage."),
    "opt_assignee": (
        "Hanya yang ditugaskan kepada handle ini.",
        "Only those assigned to this handle.",
    ),
    "opt_filter_system": ("Hanya sistem ini.", "Only this system."),
    "opt_overdue": ("Hanya yang melewati tenggat.", "Only those past their deadline."),
    "opt_all": ("Termasuk yang sudah selesai.", "Include finished ones."),
    "history": (
        "Riwayat git satu kegagalan: setiap commit, siapa dan kapan.\n\n"
        "\b\nContoh: klipctl history 1kq8f",
        "The git history of one failure: each commit, who and when.\n\n"
        "\b\nExample: klipctl history 1kq8f",
    ),
    "roster": (
        "Daftar pegawai: siapa, peran apa, kunci apa.",
        "The roster: who works here, in which roles, with which key.",
    ),
    "roster_add": (
        "Menambahkan pegawai. Selama belum ada Kepala Subbagian siapa pun yang menyiapkan log book "
        "boleh menambah; sesudahnya hanya Kepala Subbagian.\n\n"
        'Contoh: klipctl roster add sari --name "Sari Wulandari" --nip 198501012010012001 '
        "--role clerk --email sari@pajak.go.id",
        "Add a person. While the roster has no supervisor whoever sets the log book up may add "
        "people; from then on only a supervisor.\n\n"
        'Example: klipctl roster add sari --name "Sari Wulandari" --nip 198501012010012001 '
        "--role clerk --email sari@pajak.go.id",
    ),
    "arg_handle": ("Handle singkat, mis. sari.", "Short handle, e.g. sari."),
    "opt_name": ("Nama lengkap.", "Full name."),
    "join": (
        "Menyiapkan PC ini untuk log book kantor: menyalin repositori pusat, mengatur identitas "
        "git (nama, surel, kunci), memakai atau membuat kunci tanda tangan, lalu menampilkan "
        "baris `klipctl roster add` untuk Kepala Subbagian.\n\n\b\nContoh:\n"
        '  klipctl join ssh://server/srv/klip.git logbook --handle sari --name "Sari W" '
        "--email sari@pajak.go.id",
        "Set this PC up for the office's log book: clone the central repository, set git's "
        "identity (name, email, key), use or make a signing key, then show the `klipctl roster "
        "add` line for the supervisor.\n\n\b\nExample:\n"
        '  klipctl join ssh://server/srv/klip.git logbook --handle sari --name "Sari W" '
        "--email sari@pajak.go.id",
    ),
    "arg_join_url": (
        "Alamat repositori pusat (ssh://…, https://…, atau folder/berbagi jaringan).",
        "The central repository's address (ssh://…, https://…, or a folder or share).",
    ),
    "arg_join_folder": (
        "Folder baru untuk log book (selain itu: nama repositorinya).",
        "A new folder for the log book (else: the repository's name).",
    ),
    "opt_join_handle": ("Nama pengguna Anda di daftar pegawai.", "Your handle on the roster."),
    "opt_join_key": (
        "Kunci privat yang dipakai (selain itu ~/.ssh/id_ed25519, atau dibuat baru).",
        "The private key to use (else ~/.ssh/id_ed25519, or a new one).",
    ),
    "opt_join_passphrase": (
        "Lindungi kunci baru dengan frasa sandi (ditanyakan).",
        "Protect a new key with a passphrase (asked for).",
    ),
    "opt_nip": ("NIP, 18 angka.", "NIP, 18 digits."),
    "opt_role": (
        "Peran (boleh diulang): staff, clerk, supervisor, operator, head.",
        "Role (repeatable): staff, clerk, supervisor, operator, head.",
    ),
    "opt_email": (
        "Email (dipakai untuk mengenali Anda dari git).",
        "Email (used to recognise you from git).",
    ),
    "opt_key": (
        "Berkas kunci publik OpenSSH untuk tanda tangan.",
        "OpenSSH public key file for signing.",
    ),
    "roster_list": (
        "Menampilkan daftar pegawai.\n\n\b\nContoh: klipctl roster list",
        "Show the roster.\n\n\b\nExample: klipctl roster list",
    ),
    # -- calendar and due (issue 3): help below this line
    "calendar": (
        "Kalender kerja kantor: hari libur nasional, cuti bersama dan perubahan kantor; "
        "tenggat.\n\n"
        "\b\nContoh: klipctl calendar show 2026\n"
        "        klipctl calendar deadline 2026-03-17 --explain",
        "The office's working calendar: national holidays, cuti bersama, office changes; "
        "deadlines.\n\n"
        "\b\nExample: klipctl calendar show 2026\n"
        "         klipctl calendar deadline 2026-03-17 --explain",
    ),
    "calendar_add": (
        "Kepala Subbagian: mencatat kantor tutup pada DATE (atau dengan --working, hari kerja "
        "tambahan pada Sabtu/Minggu/libur). Satu commit; tenggat yang bergeser ditampilkan.\n\n"
        '\b\nContoh: klipctl calendar add 2026-06-19 --name "Gedung ditutup" '
        '--reason "ND-45/KLIP/2026"\n'
        '        klipctl calendar add 2026-03-28 --working --name "Kerja bakti pelaporan SPT"',
        "Supervisor: record that the office is closed on DATE (or with --working, an extra "
        "working day on a weekend or holiday). One commit; moved deadlines are listed.\n\n"
        '\b\nExample: klipctl calendar add 2026-06-19 --name "Gedung ditutup" '
        '--reason "ND-45/KLIP/2026"\n'
        '         klipctl calendar add 2026-03-28 --working --name "Tax filing Saturday"',
    ),
    "calendar_remove": (
        "Kepala Subbagian: menghapus hari libur pada DATE: perubahan kantor ditarik, atau libur "
        "nasional/cuti bersama yang dibatalkan menjadi hari kerja kantor.\n\n"
        '\b\nContoh: klipctl calendar remove 2026-12-24 --reason "Cuti bersama dibatalkan"',
        "Supervisor: remove the day off on DATE: the office's own change is withdrawn, or a "
        "cancelled national holiday or cuti bersama becomes an office working day.\n\n"
        '\b\nExample: klipctl calendar remove 2026-12-24 --reason "Cuti bersama cancelled"',
    ),
    "calendar_show": (
        "Menggambar bulan ini, satu bulan (YYYY-MM) atau satu tahun (YYYY), dengan hari libur, "
        "cuti bersama dan perubahan kantor ditandai dan dinamai.\n\n"
        "\b\nContoh: klipctl calendar show 2026-03\n         klipctl calendar show 2026",
        "Draw this month, a month (YYYY-MM) or a year (YYYY), with holidays, cuti bersama and "
        "office changes marked and named.\n\n"
        "\b\nExample: klipctl calendar show 2026-03\n         klipctl calendar show 2026",
    ),
    "calendar_deadline": (
        "Tenggat penugasan yang diterima pada DATE (tanggal atau tanggal-waktu WIB).\n\n"
        "\b\nContoh: klipctl calendar deadline 2026-03-17 --explain\n"
        "         klipctl calendar deadline 2026-03-17T16:30 --days 5 --json",
        "The deadline of an assignment received on DATE (a date or a date-time, WIB).\n\n"
        "\b\nExample: klipctl calendar deadline 2026-03-17 --explain\n"
        "         klipctl calendar deadline 2026-03-17T16:30 --days 5 --json",
    ),
    "calendar_workdays": (
        "Menghitung hari kerja sesudah FROM sampai dengan TO.\n\n"
        "\b\nContoh: klipctl calendar workdays 2026-03-17 2026-04-08",
        "Count the working days after FROM up to and including TO.\n\n"
        "\b\nExample: klipctl calendar workdays 2026-03-17 2026-04-08",
    ),
    "due": (
        "Semua kegagalan terbuka menurut sisa hari kerja: yang terlambat lebih dulu, dengan "
        "tahap, siapa bertindak berikutnya dan tenggatnya.\n\n\b\nContoh: klipctl due",
        "Every open failure by working days left, overdue first, with its stage, who acts next "
        "and its deadline.\n\n\b\nExample: klipctl due",
    ),
    "arg_date": ("Tanggal, YYYY-MM-DD.", "A date, YYYY-MM-DD."),
    "arg_moment": (
        "Tanggal (YYYY-MM-DD) atau tanggal-waktu (YYYY-MM-DDTHH:MM, WIB).",
        "A date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:MM, WIB).",
    ),
    "arg_period": (
        "YYYY atau YYYY-MM (bawaan: bulan ini).",
        "YYYY or YYYY-MM (default: this month).",
    ),
    "arg_from": ("Tanggal awal (tidak dihitung).", "First date (not counted)."),
    "arg_to": ("Tanggal akhir (dihitung).", "Last date (counted)."),
    "opt_cal_name": ("Nama hari itu, mis. Cuti bersama HUT RI.", "The day's name."),
    "opt_cal_reason": ("Dasar: nomor keputusan atau alasan.", "The decree or the reason."),
    "opt_working": (
        "Jadikan hari kerja (Sabtu/Minggu/libur), bukan hari tutup.",
        "Make it a working day (a weekend or holiday) instead of a closure.",
    ),
    "opt_days": (
        "Jumlah hari kerja (bawaan dari klipctl.yaml).",
        "Working days (default: klipctl.yaml).",
    ),
    "opt_explain": (
        "Tampilkan setiap hari sampai tenggat: dihitung atau dilewati, dan mengapa.",
        "List every day up to the deadline: counted or skipped, and why.",
    ),
    # --
    # -- documents (issue 4): help below this line
    "render": (
        "Dokumen dari log book: laporan hasil satu kegagalan, register Log Book, rekapitulasi. "
        "Markdown ke keluaran standar, atau --format html|pdf (register dan rekap juga "
        "csv|xlsx) dan -o BERKAS.\n\n"
        "\b\nContoh: klipctl render 1kq8f                      laporan hasil (Markdown)\n"
        "        klipctl render 1kq8f -f html -o laporan.html\n"
        "        klipctl render logbook --from 2026-01-01 --to 2026-03-31\n"
        "        klipctl render recap --month 2026-03 -f pdf -o rekap.pdf",
        "Documents from the log book: one failure's result report, the Log Book register, the "
        "recap. Markdown to standard output, or --format html|pdf (the register and recap "
        "also csv|xlsx) and -o FILE.\n\n"
        "\b\nExample: klipctl render 1kq8f                      the result report (Markdown)\n"
        "         klipctl render 1kq8f -f html -o report.html\n"
        "         klipctl render logbook --from 2026-01-01 --to 2026-03-31\n"
        "         klipctl render recap --month 2026-03 -f pdf -o recap.pdf",
    ),
    "render_report": (
        "Laporan hasil satu kegagalan, pada tahap apa pun (bertanda KONSEP sampai "
        "ditandatangani).\n\n\b\nContoh: klipctl render 1kq8f --format html -o laporan.html",
        "One failure's result report, at any stage (marked DRAFT until signed).\n\n"
        "\b\nExample: klipctl render 1kq8f --format html -o report.html",
    ),
    "render_logbook": (
        "Register Log Book: satu baris per kegagalan yang dilaporkan dalam periode (dalam xlsx "
        "satu sheet per bulan).\n\n"
        "\b\nContoh: klipctl render logbook --from 2026-03-01 --to 2026-03-31 -f html -o lb.html\n"
        "        klipctl render logbook --from 2026-01-01 --to 2026-12-31 -f xlsx -o lb.xlsx",
        "The Log Book register: one row per failure reported in the period (in xlsx a sheet per "
        "month).\n\n"
        "\b\nExample: klipctl render logbook --from 2026-03-01 --to 2026-03-31 -f html -o lb.html\n"
        "         klipctl render logbook --from 2026-01-01 --to 2026-12-31 -f xlsx -o lb.xlsx",
    ),
    "render_recap": (
        "Rekapitulasi satu bulan atau satu tahun: jumlah per tahap dan sistem, ketepatan waktu, "
        "yang terlambat, kegagalan per minggu.\n\n"
        "\b\nContoh: klipctl render recap --month 2026-03\n"
        "        klipctl render recap --year 2026 -f xlsx -o rekap-2026.xlsx",
        "A month's or a year's recap: counts by stage and system, deadlines met, overdue items, "
        "failures per week.\n\n"
        "\b\nExample: klipctl render recap --month 2026-03\n"
        "         klipctl render recap --year 2026 -f xlsx -o recap-2026.xlsx",
    ),
    "opt_format": (
        "md (bawaan), html, atau pdf (perlu `pip install 'klipctl[pdf]'`).",
        "md (default), html, or pdf (needs `pip install 'klipctl[pdf]'`).",
    ),
    "opt_format_sheets": (
        "md (bawaan), html, pdf (perlu `pip install 'klipctl[pdf]'`), csv (UTF-8, pemisah ;) "
        "atau xlsx (perlu -o BERKAS dan `pip install 'klipctl[xlsx]'`).",
        "md (default), html, pdf (needs `pip install 'klipctl[pdf]'`), csv (UTF-8, ; between "
        "fields) or xlsx (needs -o FILE and `pip install 'klipctl[xlsx]'`).",
    ),
    "opt_list_format": (
        "table (bawaan), csv (untuk spreadsheet: UTF-8, pemisah ;) atau json (sama dengan "
        "--json).",
        "table (default), csv (for a spreadsheet: UTF-8, ; between fields) or json (the same "
        "as --json).",
    ),
    "opt_output": (
        "Tulis ke berkas ini, bukan ke keluaran standar.",
        "Write to this file instead of standard output.",
    ),
    "opt_from": ("Dilaporkan sejak tanggal ini.", "Reported on or after this date."),
    "opt_to_date": ("Dilaporkan sampai tanggal ini.", "Reported on or before this date."),
    "opt_month": ("Bulan, YYYY-MM.", "Month, YYYY-MM."),
    "opt_year": ("Tahun, YYYY.", "Year, YYYY."),
    # --
    # -- signatures and verify (issue 5): help below this line
    "verify": (
        "Membuktikan jejak audit utuh: tanda tangan, rantai hash, langkah SOP, dan riwayat git."
        "\n\n\b\nContoh: klipctl verify\n        klipctl verify 1kq8f --json",
        "Prove the audit trail intact: signatures, the hash chain, the SOP's steps, git history."
        "\n\n\b\nExample: klipctl verify\n         klipctl verify 1kq8f --json",
    ),
    "arg_ids": (
        "ID kegagalan yang diperiksa (awalan unik); kosong: seluruh log book.",
        "Failure IDs to check (unique prefixes); none: the whole log book.",
    ),
    "opt_since": (
        "Hanya riwayat git setelah commit ini.",
        "Only git history after this commit.",
    ),
    "roster_set_key": (
        "Mengganti kunci publik SSH seseorang mulai sekarang (entri lama tetap diperiksa dengan "
        "kunci lama).\n\n\b\nContoh: klipctl roster set-key sari --key ~/.ssh/id_ed25519.pub",
        "Set someone's SSH public key from now on (older entries keep being checked against the "
        "old key).\n\n\b\nExample: klipctl roster set-key sari --key ~/.ssh/id_ed25519.pub",
    ),
    "hook": (
        "Hook git untuk repositori pusat log book.",
        "git hooks for the log book's central repository.",
    ),
    "hook_install": (
        "Memasang hook pre-receive di repositori bare pusat: push yang merusak jejak audit "
        "ditolak.\n\n\b\nContoh: klipctl hook install /srv/git/logbook.git",
        "Install the pre-receive hook in the central bare repository: pushes that break the "
        "audit trail are refused.\n\n\b\nExample: klipctl hook install /srv/git/logbook.git",
    ),
    "hook_pre_receive": (
        "Dijalankan git sebagai hook pre-receive; membaca pembaruan ref dari masukan standar.",
        "Run by git as the pre-receive hook; reads ref updates from standard input.",
    ),
    # -- configuration, mail and the digest
    "config": (
        "Pengaturan log book (klipctl.yaml): dibaca siapa saja, diubah Kepala Subbagian "
        "dengan satu commit yang ditandatangani.",
        "The log book's settings (klipctl.yaml): anyone reads them, a supervisor changes them "
        "in one signed commit.",
    ),
    "config_get": (
        "Menampilkan satu pengaturan (nilainya saja), atau semua pengaturan beserta nilainya."
        "\n\n\b\nContoh: klipctl config get\n        klipctl config get notify.smtp_host",
        "Show one setting (its value alone), or every setting with its value."
        "\n\n\b\nExample: klipctl config get\n         klipctl config get notify.smtp_host",
    ),
    "config_set": (
        "Mengubah satu pengaturan (Kepala Subbagian): nilainya diperiksa, lalu dicatat dalam "
        "satu commit yang ditandatangani dan dikirim ke repositori pusat. Ya/tidak diketik "
        "ya atau tidak.\n\n\b\nContoh: klipctl config set notify.enabled ya\n"
        "        klipctl config set notify.smtp_host mail.pajak.go.id\n"
        "        klipctl config set deadline.office_hours_end 16:00",
        "Change one setting (a supervisor): the value is checked, then recorded in one signed "
        "commit and sent to the central repository. Yes/no settings take yes or no."
        "\n\n\b\nExample: klipctl config set notify.enabled yes\n"
        "         klipctl config set notify.smtp_host mail.pajak.go.id\n"
        "         klipctl config set deadline.office_hours_end 16:00",
    ),
    "arg_config_key": (
        "Nama pengaturan, mis. notify.smtp_host (lihat `klipctl config get`).",
        "The setting's name, e.g. notify.smtp_host (see `klipctl config get`).",
    ),
    "arg_config_value": ("Nilai barunya.", "Its new value."),
    "template": (
        "Templat dokumen dan logo milik kantor (Kepala Subbagian).",
        "The office's own document templates and logo (a supervisor).",
    ),
    "template_list": (
        "Menampilkan templat yang dapat diganti dan yang sedang dipakai: bawaan klipctl atau "
        "milik kantor.\n\n\b\nContoh: klipctl template list",
        "Lists the templates that can be replaced and which is in use: klipctl's own or the "
        "office's.\n\n\b\nExample: klipctl template list",
    ),
    "template_add": (
        "Memakai templat atau logo milik kantor: berkasnya diperiksa, lalu dicatat dalam satu "
        "commit yang ditandatangani.\n\n\b\nContoh: klipctl template add logo.png\n"
        "        klipctl template add kop.md.j2 --name letterhead.md.j2",
        "Uses the office's own template or logo: the file is checked, then recorded in one "
        "signed commit.\n\n\b\nExample: klipctl template add logo.png\n"
        "         klipctl template add kop.md.j2 --name letterhead.md.j2",
    ),
    "template_remove": (
        "Kembali ke templat klipctl (atau tanpa logo), dalam satu commit yang ditandatangani."
        "\n\n\b\nContoh: klipctl template remove logo.png",
        "Goes back to klipctl's own template (or no logo), in one signed commit."
        "\n\n\b\nExample: klipctl template remove logo.png",
    ),
    "arg_template_file": ("Berkas templat atau logo.", "The template or logo file."),
    "arg_template_name": (
        "Nama templat, seperti yang ditampilkan `klipctl template list`.",
        "The template's name, as `klipctl template list` shows it.",
    ),
    "opt_template_name": (
        "Templat yang diganti, bila nama berkasnya lain (misalnya letterhead.md.j2).",
        "The template it replaces, when the file is named otherwise (e.g. letterhead.md.j2).",
    ),
    "hook_post_receive": (
        "Dijalankan git sebagai hook post-receive; mengirim surat dan membangun ulang papan.",
        "Run by git as the post-receive hook; sends mail and rebuilds the board.",
    ),
    "notify": (
        "Surat dari repositori pusat kepada yang bertindak berikutnya.",
        "Mail from the central repository to whoever acts next.",
    ),
    "notify_test": (
        "Mengirim satu surat uji dengan pengaturan notify log book ini; bila gagal, "
        "menyebutkan apa yang gagal (sambungan, TLS, login, penerima ditolak)."
        "\n\n\b\nContoh: klipctl notify test budi@pajak.go.id",
        "Send one test mail with this log book's notify settings; when it fails, say what "
        "failed (connection, TLS, login, refused recipient)."
        "\n\n\b\nExample: klipctl notify test budi@pajak.go.id",
    ),
    "notify_flush": (
        "Mengirim surat yang menunggu dalam antrean repositori pusat (di server)."
        "\n\n\b\nContoh: klipctl notify flush /srv/git/logbook.git",
        "Send the mails waiting in the central repository's queue (on the server)."
        "\n\n\b\nExample: klipctl notify flush /srv/git/logbook.git",
    ),
    "arg_address": ("Alamat email tujuan.", "The email address to send to."),
    "digest": (
        "Ringkasan harian: tiap orang daftar yang menunggunya; Kepala Subbagian dan Kepala "
        "Kantor juga yang terlambat atau tenggatnya 2 hari kerja lagi. Tanpa --send hanya "
        "menampilkan yang akan dikirim; pada hari libur tidak mengirim apa pun."
        "\n\n\b\nContoh: klipctl digest\n        klipctl digest --send",
        "The daily digest: each person what waits for them; the supervisor and the head of "
        "office also what is overdue or due within 2 working days. Without --send it only "
        "shows what it would send; on a day off it sends nothing."
        "\n\n\b\nExample: klipctl digest\n         klipctl digest --send",
    ),
    "opt_send": ("Benar-benar mengirim suratnya.", "Really send the mails."),
    "arg_bare_repo": ("Repositori git bare pusat.", "The central bare git repository."),
    # -- the website (site build)
    "site": (
        "Papan hanya-baca untuk Kepala Kantor: situs web statis dari log book.",
        "The head of office's read-only board: a static website of the log book.",
    ),
    "site_build": (
        "Membangun papan di OUTDIR (selain itu site.dir): kegagalan terbuka menurut tenggat, "
        "daftar tenggat, satu halaman tiap kegagalan, register dan rekap tiap bulan dan tahun, "
        "dengan segel verify di tiap halaman. HTML biasa tanpa JavaScript; hanya halaman yang "
        "berubah yang ditulis ulang. Tidak sinkron dan tidak mengubah log book."
        "\n\n\b\nContoh: klipctl site build ~/papan-klip\n"
        "        klipctl --lang en site build /srv/www/klip",
        "Build the board in OUTDIR (else site.dir): open failures by deadline, the due list, a "
        "page per failure, the register and the recap of each month and year, with verify's "
        "seal on every page. Plain HTML, no JavaScript; only pages that changed are rewritten. "
        "It does not sync and never changes the log book."
        "\n\n\b\nExample: klipctl site build ~/klip-board\n"
        "         klipctl --lang en site build /srv/www/klip",
    ),
    "arg_site_outdir": (
        "Folder papan: kosong, atau yang dibangun sebelumnya (selain itu site.dir).",
        "The board's folder: empty, or one built before (else site.dir).",
    ),
    # -- sync and doctor (issue 6): help below this line
    "remote": (
        "Repositori pusat yang menyatukan log book di semua terminal.",
        "The central repository that joins the log book on every terminal.",
    ),
    "remote_set": (
        "Tetapkan URL repositori pusat (remote git 'origin', atau yang disebut sync.remote di "
        "klipctl.yaml).\n\n\b\nContoh: klipctl remote set ssh://server/srv/git/logbook.git",
        "Set the central repository's URL (the git remote 'origin', or the one sync.remote in "
        "klipctl.yaml names).\n\n\b\nExample: klipctl remote set ssh://server/srv/git/logbook.git",
    ),
    "arg_url": ("URL atau path repositori git pusat.", "URL or path of the central repository."),
    "sync": (
        "Ambil perubahan dari repositori pusat, gabungkan, lalu kirim perubahan di sini. "
        "Entri yang bertabrakan dengan entri yang lebih dulu sampai di pusat disisihkan dan "
        "disebutkan, tidak pernah dibuang diam-diam.\n\n\b\nContoh: klipctl sync",
        "Fetch from the central repository, integrate, then push what is here. An entry that "
        "clashes with one that reached the centre first is set aside and named, never silently "
        "dropped.\n\n\b\nExample: klipctl sync",
    ),
    "status": (
        "Apa yang belum dikirim ke repositori pusat, dan apa yang tertunda.\n\n\b\n"
        "Contoh: klipctl status",
        "What is not yet pushed to the central repository, and what is pending.\n\n\b\n"
        "Example: klipctl status",
    ),
    "doctor": (
        "Periksa penyiapan (git, log book, identitas, kunci, repositori pusat, kunci log book, "
        "berkas) dan katakan apa yang harus diperbaiki.\n\n\b\nContoh: klipctl doctor",
        "Check the set-up (git, log book, identity, key, central repository, lock, files) and "
        "say what to fix.\n\n\b\nExample: klipctl doctor",
    ),
    "opt_fix": (
        "Pulihkan perubahan yang terhenti dan hapus berkas kunci git yang tertinggal.",
        "Put right an interrupted change and remove git lock files left behind.",
    ),
    # --
    # -- index and bench (issue 7): help below this line
    # --
    "opt_incremental": (
        "Periksa hanya yang berubah sejak verify terakhir yang bersih (selain itu semuanya).",
        "Check only what changed since the last clean verify (else everything).",
    ),
    # -- the roster over time: help below this line
    "roster_remove": (
        "Kepala Subbagian: mengeluarkan seseorang dari daftar pegawai mulai sekarang. Ia tidak "
        "dapat bertindak lagi; entri yang sudah dibuatnya tetap sah.\n\n"
        '\b\nContoh: klipctl roster remove tono --reason "Pindah tugas ke KPP Pratama Bandung"',
        "Supervisor: remove someone from the roster from now on. They can no longer act; the "
        "entries they made stay valid.\n\n"
        '\b\nExample: klipctl roster remove tono --reason "Transferred to another office"',
    ),
    "opt_remove_reason": (
        "Alasan, mis. pindah tugas atau pensiun (satu baris).",
        "Why, e.g. a transfer or retirement (one line).",
    ),
    "roster_set_role": (
        "Kepala Subbagian: memberi atau mencabut satu peran seseorang mulai sekarang (entri lama "
        "tetap diperiksa dengan peran saat itu). Peran: staff, clerk, supervisor, operator, "
        "head.\n\n"
        "\b\nContoh: klipctl roster set-role tono --add supervisor\n"
        "        klipctl roster set-role dewi --remove staff",
        "Supervisor: give someone a role, or take one away, from now on (older entries keep "
        "being checked against the roles held then). Roles: staff, clerk, supervisor, operator, "
        "head.\n\n"
        "\b\nExample: klipctl roster set-role tono --add supervisor\n"
        "         klipctl roster set-role dewi --remove staff",
    ),
    "opt_add_role": ("Peran yang diberikan.", "The role to give."),
    "opt_remove_role": ("Peran yang dicabut.", "The role to take away."),
    "roster_show": (
        "Satu orang dalam daftar pegawai (juga yang sudah dikeluarkan): data dirinya, setiap "
        "perubahan (kapan, apa, oleh siapa) dan kunci yang dipegangnya dari waktu ke waktu.\n\n"
        "\b\nContoh: klipctl roster show sari\n        klipctl roster show sari --json",
        "One person on the roster (removed people too): who they are, each change (when, what, "
        "by whom) and the keys they held over time.\n\n"
        "\b\nExample: klipctl roster show sari\n         klipctl roster show sari --json",
    ),
    # --
}


def help_text(key: str, lang: str) -> str:
    return _pick(HELP[key], lang)
