"""Writes tiny-cifar10.tar.gz and tiny-cifar100.tar.gz, CIFAR archives in miniature, and
cifar-expected.json, what Keras 3.15.1's own loader code reads from them (labels in full; each
image array as its shape, SHA-256 of its uint8 bytes in channels-last order and first values).

Run with /work/venv/bin/python. The batches are pickled as the real files are, by Python 2's
cPickle at protocol 2: dicts with byte-string keys, a uint8 NumPy array "data" of shape (n, 3072)
reconstructed by numpy.core.multiarray._reconstruct, label lists, a byte-string batch label and
file names. Each batch holds a few images: 2 in each of the five CIFAR-10 training batches, 3 in
its test batch; 4 and 3 in CIFAR-100's train and test.
"""
import gzip
import hashlib
import io
import json
import os
import pickle
import tarfile
import tempfile

import numpy as np
from keras.src.datasets.cifar import load_batch

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.RandomState(18)


class Py2Pickler(pickle._Pickler):
    """Writes byte strings and text as Python 2's str (BINSTRING), as cPickle wrote CIFAR."""

    dispatch = dict(pickle._Pickler.dispatch)

    def save_py2_str(self, obj):
        data = obj if isinstance(obj, bytes) else obj.encode("latin-1")
        if len(data) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(data)]) + data)
        else:
            self.write(pickle.BINSTRING + len(data).to_bytes(4, "little") + data)
        self.memoize(obj)

    dispatch[bytes] = save_py2_str
    dispatch[str] = save_py2_str


def py2_pickle(obj):
    out = io.BytesIO()
    Py2Pickler(out, protocol=2).dump(obj)
    # NumPy 2 names its reconstructor numpy._core; the real files, written by NumPy 1, numpy.core.
    return out.getvalue().replace(b"cnumpy._core.multiarray\n", b"cnumpy.core.multiarray\n")


def batch(n, label_keys):
    d = {b"batch_label": b"testing batch 1 of 1",
         b"data": rng.randint(0, 256, (n, 3072)).astype(np.uint8),
         b"filenames": [f"img_{i}.png".encode() for i in range(n)]}
    for key, classes in label_keys.items():
        d[key.encode()] = [int(v) for v in rng.randint(0, classes, n)]
    return d


def archive(name, folder, batches):
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, folder))
        for fname, content in batches.items():
            with open(os.path.join(tmp, folder, fname), "wb") as f:
                f.write(py2_pickle(content))
        with open(os.path.join(HERE, name), "wb") as raw:
            with gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
                with tarfile.open(fileobj=gz, mode="w", format=tarfile.GNU_FORMAT) as tar:
                    for fname in [""] + sorted(batches):
                        info = tar.gettarinfo(os.path.join(tmp, folder, fname),
                                              arcname=os.path.join(folder, fname).rstrip("/"))
                        info.mtime = 0
                        info.uid = info.gid = 0
                        info.uname = info.gname = ""
                        if info.isfile():
                            with open(os.path.join(tmp, folder, fname), "rb") as f:
                                tar.addfile(info, f)
                        else:
                            tar.addfile(info)
        # What Keras's load_batch returns for each file (extracted again, from the archive).
        with tarfile.open(os.path.join(HERE, name)) as tar:
            tar.extractall(tmp + "/x", filter="data")
        return {f: load_batch(os.path.join(tmp, "x", folder, f), label_key=k)
                for f, k in LABEL_KEYS[name].items()}


LABEL_KEYS = {
    "tiny-cifar10.tar.gz": {**{f"data_batch_{i}": "labels" for i in range(1, 6)},
                            "test_batch": "labels"},
    "tiny-cifar100.tar.gz": {"train": "fine_labels", "test": "fine_labels"},
}
cifar10 = {f"data_batch_{i}": batch(2, {"labels": 10}) for i in range(1, 6)}
cifar10["test_batch"] = batch(3, {"labels": 10})
cifar10["batches.meta"] = {b"label_names": [b"airplane", b"automobile"], b"num_vis": 3072}
read10 = archive("tiny-cifar10.tar.gz", "cifar-10-batches-py", cifar10)
cifar100 = {"train": batch(4, {"fine_labels": 100, "coarse_labels": 20}),
            "test": batch(3, {"fine_labels": 100, "coarse_labels": 20})}
cifar100["meta"] = {b"fine_label_names": [b"apple"], b"coarse_label_names": [b"fish"]}
read100 = archive("tiny-cifar100.tar.gz", "cifar-100-python", cifar100)

def images(x):
    x = np.ascontiguousarray(x.transpose(0, 2, 3, 1))
    return {"shape": list(x.shape), "sha256": hashlib.sha256(x.tobytes()).hexdigest(),
            "first": x.ravel()[:8].tolist()}


# cifar10.load_data's assembly: training batches in order, (n, 1) labels, channels last.
x_train = np.concatenate([read10[f"data_batch_{i}"][0] for i in range(1, 6)])
y_train = np.concatenate([read10[f"data_batch_{i}"][1] for i in range(1, 6)])
expected = {"cifar10": {
    "x_train": images(x_train),
    "y_train": [int(v) for v in y_train],
    "x_test": images(read10["test_batch"][0]),
    "y_test": [int(v) for v in read10["test_batch"][1]]}}
for mode in ("fine", "coarse"):
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(os.path.join(HERE, "tiny-cifar100.tar.gz")) as tar:
            tar.extractall(tmp, filter="data")
        tr = load_batch(os.path.join(tmp, "cifar-100-python", "train"), f"{mode}_labels")
        te = load_batch(os.path.join(tmp, "cifar-100-python", "test"), f"{mode}_labels")
    expected["cifar100 " + mode] = {
        "x_train": images(tr[0]),
        "y_train": [int(v) for v in tr[1]],
        "x_test": images(te[0]),
        "y_test": [int(v) for v in te[1]]}
with open(os.path.join(HERE, "cifar-expected.json"), "w") as f:
    json.dump(expected, f, separators=(",", ":"), sort_keys=True)
    f.write("\n")
