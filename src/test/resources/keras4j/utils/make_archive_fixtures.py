"""Writes the archives FileUtilsTest extracts, and prints their hashes (hard-coded in the test).

Run with /work/venv/bin/python. good.tar.gz, good-ustar.tar and good.zip hold the same tree (a
long path, which needs a pax header in good.tar.gz and the ustar prefix in good-ustar.tar; a
symlink in good.tar.gz that keras4j skips); evil.zip and evil.tar.gz each
hold one entry climbing out of the extraction folder, after a harmless one.
"""
import hashlib
import io
import os
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
LONG = "data/" + "d" * 120 + "/long.txt"
FILES = {"data/a.txt": b"alpha\n", "data/sub/b.txt": b"beta\n" * 300, LONG: b"long\n"}


def add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0
    tar.addfile(info, io.BytesIO(data))


def write_tar(name, entries, link=False):
    path = os.path.join(HERE, name)
    with open(path, "wb") as raw:
        # mtime 0: the same bytes on every run.
        import gzip
        with gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
            with tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
                for n, d in entries.items():
                    add(tar, n, d)
                if link:
                    info = tarfile.TarInfo("data/link")
                    info.type = tarfile.SYMTYPE
                    info.linkname = "/etc/passwd"
                    tar.addfile(info)
    return path


def write_plain_ustar(name, entries):
    # POSIX ustar, uncompressed: the long path is split into the header's prefix and name.
    path = os.path.join(HERE, name)
    with tarfile.open(path, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for n, d in entries.items():
            add(tar, n, d)
    return path


def write_zip(name, entries):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w") as z:
        for n, d in entries.items():
            z.writestr(zipfile.ZipInfo(n, date_time=(1980, 1, 1, 0, 0, 0)), d)
    return path


for path in (write_tar("good.tar.gz", FILES, link=True), write_zip("good.zip", FILES),
             write_plain_ustar("good-ustar.tar", FILES),
             write_tar("evil.tar.gz", {"ok.txt": b"ok\n", "../../evil.txt": b"evil\n"}),
             write_zip("evil.zip", {"ok.txt": b"ok\n", "../evil.txt": b"evil\n"})):
    data = open(path, "rb").read()
    print(os.path.basename(path), "sha256", hashlib.sha256(data).hexdigest(),
          "md5", hashlib.md5(data).hexdigest())

# What Keras's own extraction keeps of good.tar.gz (its filter drops the link to /etc/passwd).
import tempfile  # noqa: E402
from keras.src.utils import file_utils  # noqa: E402
with tempfile.TemporaryDirectory() as d:
    file_utils.extract_archive(os.path.join(HERE, "good.tar.gz"), d)
    print("keras extracts", sorted(os.path.relpath(os.path.join(r, f), d)
                                   for r, _, fs in os.walk(d) for f in fs))
