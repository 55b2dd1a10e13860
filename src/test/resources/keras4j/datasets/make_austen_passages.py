"""Writes src/main/resources/keras4j/datasets/austen_passages.tsv.gz, the text data set that
keras4j.datasets.AustenPassages loads: passages of four Jane Austen novels, labelled by novel.

The novels' texts (public domain; Project Gutenberg's editions) come from Debian's
r-cran-janeaustenr 1.0.0-1 (Julia Silge's janeaustenr, MIT licence), read without R:

  apt-get download r-cran-janeaustenr && dpkg -x r-cran-janeaustenr_1.0.0-1_all.deb /tmp/jar
  /work/venv/bin/python make_austen_passages.py /tmp/jar

The package's data/Rdata.rdb holds one R character vector (a line of the book per element) per
novel, each as a 4-byte big-endian length then a zlib stream of R's XDR serialization; the
novels are told apart by their first line (the title).

A passage is a paragraph (lines between blank lines, joined by spaces) of at least MIN_WORDS
words, cut after its first MAX_WORDS words (at whitespace; the text is otherwise unchanged, so
Gutenberg's _underscores_ for italics stay). Labels are the novels in publication order. The
passages are shuffled by numpy's RandomState(SEED).permutation; the first round(0.8 * n) form the
training set. The file is TSV: a header line "split<TAB>label<TAB>text", then one passage a line
("train" rows first, then "test"), gzipped with mtime 0 so the same input gives the same bytes.
It also prints the counts and the majority-class share of the test set.
"""
import gzip
import os
import struct
import sys
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "..", "..", "main", "resources", "keras4j", "datasets",
                   "austen_passages.tsv.gz")
# Publication order: the label of each novel, by the title on its first line.
NOVELS = [("SENSE AND SENSIBILITY", "Sense and Sensibility"),
          ("PRIDE AND PREJUDICE", "Pride and Prejudice"),
          ("EMMA", "Emma"),
          ("Persuasion", "Persuasion")]
MIN_WORDS = 12
MAX_WORDS = 60
SEED = 113
TEST_SPLIT = 0.2


def ints(data, pos, n):
    return struct.unpack(">%di" % n, data[pos:pos + 4 * n]), pos + 4 * n


def character_vector(data):
    """An unattributed R character vector (STRSXP) from R's XDR serialization, version 3."""
    assert data[:2] == b"X\n", "not XDR"
    (version, _, _), pos = ints(data, 2, 3)
    assert version == 3, version
    (encoding_length,), pos = ints(data, pos, 1)
    pos += encoding_length
    (flags,), pos = ints(data, pos, 1)
    assert flags == 16, "not a plain character vector: flags %#x" % flags
    (length,), pos = ints(data, pos, 1)
    lines = []
    for _ in range(length):
        (flags,), pos = ints(data, pos, 1)
        assert flags & 0xFF == 9, "not a CHARSXP"
        (size,), pos = ints(data, pos, 1)
        assert size >= 0, "NA line"
        lines.append(data[pos:pos + size].decode("utf-8"))
        pos += size
    assert pos == len(data), "trailing bytes"
    return lines


def books(package_root):
    rdb = open(os.path.join(package_root, "usr/lib/R/site-library/janeaustenr/data/Rdata.rdb"),
               "rb").read()
    pos = 0
    found = {}
    while pos < len(rdb):
        stream = zlib.decompressobj()
        raw = stream.decompress(rdb[pos + 4:])
        assert len(raw) == struct.unpack(">I", rdb[pos:pos + 4])[0]
        lines = character_vector(raw)
        found[lines[0]] = lines
        pos = len(rdb) - len(stream.unused_data)
    return found


def passages(lines):
    out, paragraph = [], []
    for line in lines + [""]:
        if line.strip():
            paragraph.append(line.strip())
        elif paragraph:
            words = " ".join(paragraph).split()
            if len(words) >= MIN_WORDS:
                out.append(" ".join(words[:MAX_WORDS]))
            paragraph = []
    return out


def main(package_root):
    texts = books(package_root)
    rows = []
    for label, (title, name) in enumerate(NOVELS):
        novel = passages(texts[title])
        print("%d %s: %d passages" % (label, name, len(novel)))
        rows += [(label, p) for p in novel]
    assert all("\t" not in p and "\n" not in p for _, p in rows)
    order = np.random.RandomState(SEED).permutation(len(rows))
    train_size = len(rows) - int(round(len(rows) * TEST_SPLIT))
    lines = ["split\tlabel\ttext"]
    for i, index in enumerate(order):
        label, text = rows[index]
        lines.append("%s\t%d\t%s" % ("train" if i < train_size else "test", label, text))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(OUT, "wb") as f:
        f.write(gzip.compress(data, compresslevel=9, mtime=0))
    test = [rows[i][0] for i in order[train_size:]]
    train = [rows[i][0] for i in order[:train_size]]
    print("train %d, test %d; test per label %s, train per label %s" % (
        train_size, len(test), np.bincount(test).tolist(), np.bincount(train).tolist()))
    print("majority share of the test set: %.4f" % (np.bincount(test).max() / len(test)))
    print("first training passage:", rows[order[0]])
    print("wrote %s (%d bytes)" % (os.path.normpath(OUT), os.path.getsize(OUT)))


if __name__ == "__main__":
    main(sys.argv[1])
