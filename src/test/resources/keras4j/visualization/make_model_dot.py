"""Writes the DOT text that Keras's keras.utils.model_to_dot gives for the models of
ModelVisualizationTest, with the layers' Python ids replaced by their names (keras4j names the
graph's nodes by layer name, which is stable from run to run; Keras uses id(layer)).

Run (Keras 3.15.1, pydot 1.4.2 from Debian's python3-pydot, which pip could not fetch here):
    mkdir -p /tmp/pydot && ln -sf /usr/lib/python3/dist-packages/pydot.py /tmp/pydot/
    PYTHONPATH=/tmp/pydot /work/venv/bin/python \
        src/test/resources/keras4j/visualization/make_model_dot.py
"""
import os

import keras
import pydot  # noqa: F401  (model_to_dot needs it)
from keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))


def two_inputs():
    """Two inputs, one branch through a nested Sequential, a merge and a head."""
    a = keras.Input((4,), name="a")
    b = keras.Input((3,), name="b")
    left = layers.Dense(8, activation="relu", name="left")(a)
    tower = keras.Sequential(
        [keras.Input((3,)), layers.Dense(5, name="t1"), layers.Dense(8, name="t2")],
        name="tower")
    right = tower(b)
    merged = layers.Concatenate(name="merge")([left, right])
    out = layers.Dense(1, activation="sigmoid", name="out")(merged)
    return keras.Model([a, b], out, name="two_inputs")


def stack():
    return keras.Sequential(
        [keras.Input((6,)), layers.Dense(4, activation="relu", name="hidden"),
         layers.Dense(2, name="logits")], name="stack")


def write(model, name, **kwargs):
    text = keras.utils.model_to_dot(model, **kwargs).to_string()
    for layer in model.layers:
        text = text.replace(str(id(layer)), layer.name)
    with open(os.path.join(HERE, name), "w") as f:
        f.write(text)
    print(text)


write(two_inputs(), "two_inputs_shapes.dot", show_shapes=True, show_layer_names=True)
write(two_inputs(), "two_inputs_plain.dot", show_shapes=False, show_layer_names=False)
write(stack(), "stack_shapes.dot", show_shapes=True, show_layer_names=True)
