"""Writes image_ops_expected.json: what Keras 3's ops.depth_to_space, ops.space_to_depth and
ops.image.extract_patches and extract_patches_3d (TensorFlow backend) compute for each case of keras4j's ImageOpsTest,
value, shape and dtype (in ops_expected.json's format). Run with the Python Keras dev tool:

    KERAS_BACKEND=tensorflow /work/venv/bin/python make_image_ops_fixtures.py

The inputs are the same arrays as ImageOpsTest builds (aranges reshaped). Each case is one line
below, named as in the test.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np
from keras import backend, ops


def grid(*shape, dtype="float32"):
    """0, 1, 2, ... in row-major order, as ImageOpsTest's grid(...)."""
    return np.arange(int(np.prod(shape))).reshape(shape).astype(dtype)


images = grid(2, 5, 6, 2) / 10
volumes = grid(2, 4, 4, 4, 2) / 10
IP = ops.image.extract_patches

cases = {
    "depth_to_space": lambda: ops.depth_to_space(grid(1, 2, 3, 8), 2),
    "depth_to_space_int_block3": lambda: ops.depth_to_space(grid(2, 1, 2, 9, dtype="int32"), 3),
    "depth_to_space_channels_first": lambda: ops.depth_to_space(
        grid(1, 8, 2, 3), 2, data_format="channels_first"),
    "space_to_depth": lambda: ops.space_to_depth(grid(1, 4, 6, 2), 2),
    "space_to_depth_int_block3": lambda: ops.space_to_depth(grid(2, 6, 3, 1, dtype="int32"), 3),
    "space_to_depth_channels_first": lambda: ops.space_to_depth(
        grid(1, 2, 4, 6), 2, data_format="channels_first"),
    "depth_to_space_of_space_to_depth": lambda: ops.depth_to_space(
        ops.space_to_depth(grid(1, 4, 6, 2), 2), 2),
    "patches_2x3": lambda: IP(images, (2, 3)),
    "patches_square_int": lambda: IP(images, 2),
    "patches_strides1_same": lambda: IP(images, 2, strides=1, padding="same"),
    "patches_3x2_strides_2_1_same": lambda: IP(images, (3, 2), strides=(2, 1), padding="same"),
    "patches_dilation2": lambda: IP(images, 2, strides=1, dilation_rate=2),
    "patches_dilation_2_1_same": lambda: IP(images, (2, 3), strides=1, dilation_rate=(2, 1),
                                            padding="same"),
    "patches_unbatched": lambda: IP(images[0], 2, strides=1),
    "patches_int32": lambda: IP(grid(2, 5, 6, 2, dtype="int32"), (2, 2)),
    "patches_3d": lambda: IP(volumes, (2, 2, 2)),
    "patches_3d_strides1_same": lambda: IP(volumes, (2, 3, 2), strides=1, padding="same"),
    "patches_3d_dilation2": lambda: IP(volumes, (2, 2, 2), strides=1, dilation_rate=2),
    "patches_3d_unbatched": lambda: IP(volumes[1], (3, 2, 2), strides=(1, 2, 2)),
    "patches_3d_cube": lambda: ops.image.extract_patches_3d(volumes, 2, strides=1,
                                                            padding="same"),
}
# What ImageOpsTest's PatchShuffle layer computes in a model (checked there, not in cases()).
LAYER = {"layer_patch_shuffle": lambda: ops.depth_to_space(IP(images, 2, strides=1), 2)}

out = {}
for name, case in {**cases, **LAYER}.items():
    value = np.asarray(ops.convert_to_numpy(case()))
    out[name] = {
        "dtype": backend.standardize_dtype(value.dtype),
        "shape": list(value.shape),
        "values": [bool(e) if value.dtype == bool else float(e) for e in value.reshape(-1)],
    }

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "image_ops_expected.json")
with open(path, "w") as f:
    json.dump(out, f, indent=0, sort_keys=True)
    f.write("\n")
print(f"{len(out)} cases written to {path}")
