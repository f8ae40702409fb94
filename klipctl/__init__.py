"""klipctl: SOP LIP10-0072 (Tata Cara Penanganan Kegagalan Sistem) over a git-tracked log book."""

__version__ = "0.1.0"
