"""Writes the images ImageUtilsTest reads and what Keras 3's keras.utils gives for them.

Run with /work/venv/bin/python (keras 3.15.1) and Pillow on the path (Debian's python3-pil 9.4:
PYTHONPATH=DIR where DIR/PIL links to /usr/lib/python3/dist-packages/PIL). It writes the
fixture images and image_expected.json next to itself: for each case the shape and the values
of keras.utils.img_to_array(...) (float32 values, all whole numbers, stored as ints), and
the float32 inputs of the array_to_img cases.
"""
import json
import os

import numpy as np
from PIL import Image
from keras.utils import array_to_img, img_to_array, load_img

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.RandomState(18)


def path(name):
    return os.path.join(HERE, name)


# Height 6, width 9: resizing changes both axes by different factors.
rgb = rng.randint(0, 256, (6, 9, 3)).astype(np.uint8)
Image.fromarray(rgb, "RGB").save(path("rgb.png"))
rgba = rng.randint(0, 256, (6, 9, 4)).astype(np.uint8)
rgba[0, :3, 3] = [0, 255, 1]  # alpha 0, 255 and 1: the premultiplied resize's edge cases
Image.fromarray(rgba, "RGBA").save(path("rgba.png"))
Image.fromarray(rng.randint(0, 256, (6, 9)).astype(np.uint8), "L").save(path("gray.png"))
Image.fromarray(rng.randint(0, 65536, (6, 9)).astype(np.uint16)).save(path("gray16.png"))
palette = Image.fromarray(rng.randint(0, 4, (6, 9)).astype(np.uint8), "P")
palette.putpalette([255, 0, 0, 0, 255, 0, 0, 0, 255, 250, 200, 10])
palette.save(path("palette.png"))
Image.fromarray(rgb, "RGB").save(path("rgb.jpg"), quality=95)

cases = {}


def case(name, array):
    array = np.asarray(array)
    assert np.all(array == np.round(array)), name
    cases[name] = {"shape": list(array.shape), "values": array.astype(np.int64).ravel().tolist()}


for source in ("rgb.png", "rgba.png", "gray.png", "gray16.png", "palette.png", "rgb.jpg"):
    for mode in ("grayscale", "rgb", "rgba"):
        case(f"{source} {mode}", img_to_array(load_img(path(source), color_mode=mode)))

METHODS = ("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos")
SIZES = ((11, 13), (4, 5), (4, 4))
for method in METHODS:
    for size in SIZES:
        for keep in (False, True):
            for source, mode in (("rgb.png", "rgb"), ("rgba.png", "rgba"), ("gray.png", "grayscale"),
                                 ("gray16.png", "grayscale")):
                img = load_img(path(source), color_mode=mode, target_size=size,
                               interpolation=method, keep_aspect_ratio=keep)
                case(f"{source} {mode} {size[0]}x{size[1]} {method} keep={keep}",
                     img_to_array(img))

# array_to_img: scaled to [0, 255] (then truncated), unscaled (truncated), one channel above 255.
floats = rng.uniform(-3, 5, (3, 4, 3)).astype(np.float32)
inputs = {"floats": floats.ravel().tolist()}
case("array_to_img scale", img_to_array(array_to_img(floats)))
unscaled = rng.uniform(0, 255.99, (3, 4, 4)).astype(np.float32)
inputs["unscaled"] = unscaled.ravel().tolist()
case("array_to_img unscaled rgba", img_to_array(array_to_img(unscaled, scale=False)))
case("array_to_img channels_first",
     img_to_array(array_to_img(floats.transpose(2, 0, 1), data_format="channels_first")))
wide = np.array([[[0.0], [300.5]], [[65535.0], [7.9]]], dtype=np.float32)
inputs["wide"] = wide.ravel().tolist()
case("array_to_img grey above 255", img_to_array(array_to_img(wide, scale=False)))

with open(path("image_expected.json"), "w") as f:
    json.dump({"inputs": inputs, "cases": cases}, f, separators=(",", ":"), sort_keys=True)
    f.write("\n")
