"""Real PDFs (and .doc files) for the reader tests.

* ``docx_to_pdf`` / ``docx_to_doc`` / ``docx_to_encrypted_pdf`` convert many DOCX files
  with ONE LibreOffice run (a fresh soffice costs a couple of seconds).
* ``raw_pdf`` writes small PDFs by hand (standard Helvetica, positioned text, optional
  character spacing ``Tc`` and a ``/ToUnicode`` map for combining marks) for the layouts
  a word processor will not produce on demand; ``image_only_pdf`` is a "scan".
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "HAVE_SOFFICE",
    "Run",
    "docx_to_doc",
    "docx_to_encrypted_pdf",
    "docx_to_pdf",
    "encrypted_docx",
    "image_only_pdf",
    "ole2_file",
    "raw_pdf",
    "soffice_convert",
]

HAVE_SOFFICE = shutil.which("soffice") is not None

_ENCRYPT_FILTER = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"x"}}'
)


def soffice_convert(
    files: Sequence[bytes], *, suffix: str, target: str, out_suffix: str, timeout: float = 300
) -> list[bytes]:
    """Convert every input with one ``soffice --convert-to`` run; outputs in input order."""
    if not files:
        return []
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("soffice is not installed")
    with tempfile.TemporaryDirectory(prefix="kehoach-test-lo-") as tmp:
        work = Path(tmp)
        indir = work / "in"
        outdir = work / "out"
        indir.mkdir()
        outdir.mkdir()
        names = []
        for i, data in enumerate(files):
            path = indir / f"f{i:03d}.{suffix}"
            path.write_bytes(data)
            names.append(path)
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, names),
        ]
        subprocess.run(
            cmd,
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
        )
        return [(outdir / f"{p.stem}.{out_suffix}").read_bytes() for p in names]


def docx_to_pdf(docx_files: Sequence[bytes]) -> list[bytes]:
    return soffice_convert(docx_files, suffix="docx", target="pdf", out_suffix="pdf")


def docx_to_doc(docx_files: Sequence[bytes]) -> list[bytes]:
    return soffice_convert(docx_files, suffix="docx", target="doc:MS Word 97", out_suffix="doc")


def docx_to_encrypted_pdf(docx_files: Sequence[bytes]) -> list[bytes]:
    """PDFs that need the password "x" to open."""
    return soffice_convert(docx_files, suffix="docx", target=_ENCRYPT_FILTER, out_suffix="pdf")


# --------------------------------------------------------------------------- raw PDFs


@dataclass(frozen=True)
class Run:
    """A piece of text drawn at (x, y) (PDF points, origin bottom-left)."""

    x: float
    y: float
    text: str
    size: float = 12.0
    char_spacing: float = 0.0


# Codes 0x80.. of the hand-made font map to these combining marks via /ToUnicode.
_MARK_CODES = {
    "\u0300": 0x80,
    "\u0301": 0x81,
    "\u0303": 0x82,
    "\u0309": 0x83,
    "\u0323": 0x84,
    "\u0302": 0x85,
    "\u0306": 0x86,
    "\u031b": 0x87,
}


def _escape(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        if ch in _MARK_CODES:
            out.append(_MARK_CODES[ch])
            continue
        code = ord(ch)
        if code > 0x7E or code < 0x20:
            raise ValueError(f"raw_pdf writes ASCII only, not {ch!r}")
        if ch in "()\\":
            out.append(0x5C)
        out.append(code)
    return bytes(out)


def _tounicode() -> bytes:
    entries = [f"<{c:02X}> <{c:04X}>" for c in range(0x20, 0x7F)]
    entries += [f"<{code:02X}> <{ord(mark):04X}>" for mark, code in _MARK_CODES.items()]
    body = "\n".join(entries)
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(entries)} beginbfchar\n{body}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode("ascii")


def _widths() -> str:
    # Helvetica-like widths: 556 for letters/digits, 278 for space and punctuation,
    # 0 for the combining marks.
    ws = []
    for c in range(0x20, 0x88):
        if c >= 0x80:
            ws.append(0)
        elif chr(c).isalnum():
            ws.append(667 if chr(c).isupper() else 556)
        else:
            ws.append(278)
    return " ".join(map(str, ws))


def _assemble(objects: list[bytes], *, trailer_extra: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R ".encode()
        + trailer_extra
        + f">>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"", *, compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(content)
        return (
            b"<< /Length %d /Filter /FlateDecode " % len(data)
            + extra
            + b">>\nstream\n"
            + data
            + b"\nendstream"
        )
    return b"<< /Length %d " % len(content) + extra + b">>\nstream\n" + content + b"\nendstream"


def raw_pdf(pages: Sequence[Sequence[Run]], *, width: float = 595, height: float = 842) -> bytes:
    """A PDF whose pages draw the given runs in Helvetica (ASCII and combining marks)."""
    n = len(pages)
    # 1 catalog, 2 pages, 3 font, 4 tounicode, then (page, content) per page.
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(n))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
        (
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 135 "
            f"/Widths [{_widths()}] /ToUnicode 4 0 R >>"
        ).encode(),
        _stream(_tounicode()),
    ]
    for i, runs in enumerate(pages):
        content = bytearray()
        for run in runs:
            content += b"BT /F1 %.2f Tf %.2f Tc %.2f %.2f Td (" % (
                run.size,
                run.char_spacing,
                run.x,
                run.y,
            )
            content += _escape(run.text) + b") Tj ET\n"
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:g} {height:g}] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {6 + 2 * i} 0 R >>"
            ).encode()
        )
        objects.append(_stream(bytes(content)))
    return _assemble(objects)


def image_only_pdf(pages: int = 1) -> bytes:
    """A "scanned" PDF: every page is one grey image, no text at all."""
    pixels = bytes((x * 7 + y * 3) % 256 for y in range(64) for x in range(64))
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(pages))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        _stream(
            pixels,
            b"/Type /XObject /Subtype /Image /Width 64 /Height 64 "
            b"/ColorSpace /DeviceGray /BitsPerComponent 8 ",
        ),
    ]
    for i in range(pages):
        objects.append(
            (
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /XObject << /Im1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>"
            ).encode()
        )
        objects.append(_stream(b"q 500 0 0 700 47 71 cm /Im1 Do Q\n"))
    return _assemble(objects)


# --------------------------------------------------------------------------- OLE2


def ole2_file(streams: dict[str, bytes]) -> bytes:
    """A minimal valid OLE2 (Compound File, version 3) holding the given root streams.

    Every stream is padded to the 4096-byte mini-stream cutoff so that all of them live
    in ordinary sectors. Word writes an encrypted DOCX as such a file with the streams
    "EncryptionInfo" and "EncryptedPackage".
    """
    sector = 512
    free, end, fatsect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    if len(names) > 3:
        raise ValueError("ole2_file keeps to one directory sector (three streams)")
    data_sectors: list[bytes] = []
    fat = [fatsect, end]  # sector 0 FAT, sector 1 directory
    starts = []
    sizes = []
    for name in names:
        body = streams[name].ljust(4096, b"\x00")
        count = -(-len(body) // sector)
        first = 2 + len(data_sectors)
        starts.append(first)
        sizes.append(len(streams[name]) if len(streams[name]) >= 4096 else 4096)
        for i in range(count):
            data_sectors.append(body[i * sector : (i + 1) * sector].ljust(sector, b"\x00"))
            fat.append(first + i + 1 if i < count - 1 else end)
    if len(fat) > sector // 4:
        raise ValueError("ole2_file keeps to one FAT sector")
    fat_sector = b"".join(v.to_bytes(4, "little") for v in fat).ljust(sector, b"\xff")

    def entry(
        name: str, kind: int, left: int, right: int, child: int, start: int, size: int
    ) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        return (
            raw.ljust(64, b"\x00")
            + len(raw).to_bytes(2, "little")
            + bytes([kind, 1])
            + left.to_bytes(4, "little")
            + right.to_bytes(4, "little")
            + child.to_bytes(4, "little")
            + b"\x00" * 16
            + b"\x00" * 4
            + b"\x00" * 16
            + start.to_bytes(4, "little")
            + size.to_bytes(8, "little")
        )

    entries = [entry("Root Entry", 5, free, free, 1 if names else free, end, 0)]
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else free
        entries.append(entry(name, 2, free, right, free, starts[i], sizes[i]))
    # Unused directory slots must be empty entries (name length 0, type 0) with free ids.
    empty = b"\x00" * 64 + b"\x00\x00" + b"\x00\x00" + b"\xff" * 12 + b"\x00" * 52
    directory = b"".join(entries) + empty * (4 - len(entries))

    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + (0x003E).to_bytes(2, "little")
        + (0x0003).to_bytes(2, "little")
        + (0xFFFE).to_bytes(2, "little")
        + (9).to_bytes(2, "little")
        + (6).to_bytes(2, "little")
        + b"\x00" * 6
        + (0).to_bytes(4, "little")  # directory sectors (0 in version 3)
        + (1).to_bytes(4, "little")  # FAT sectors
        + (1).to_bytes(4, "little")  # first directory sector
        + (0).to_bytes(4, "little")  # transaction signature
        + (4096).to_bytes(4, "little")  # mini stream cutoff
        + end.to_bytes(4, "little")  # first mini FAT sector
        + (0).to_bytes(4, "little")
        + end.to_bytes(4, "little")  # first DIFAT sector
        + (0).to_bytes(4, "little")
        + (0).to_bytes(4, "little")  # DIFAT[0]: the FAT is sector 0
        + b"\xff" * (4 * 108)
    )
    assert len(header) == sector
    return header + fat_sector + directory + b"".join(data_sectors)


def encrypted_docx() -> bytes:
    """What Word writes for a password-protected .docx (the payload here is dummy bytes)."""
    info = (4).to_bytes(2, "little") + (4).to_bytes(2, "little") + (0x40).to_bytes(4, "little")
    return ole2_file(
        {"EncryptionInfo": info + b"<encryption/>", "EncryptedPackage": b"\x10" * 5000}
    )
