"""The reverse direction of LegacyTrainingConfigTest: Python Keras loads the legacy .h5 files
keras4j saved to target/keras4j-legacy/ compiled: compiled.h5 with Keras's compile arguments;
resaved.h5 (Keras's resume.h5 loaded and saved again by keras4j) compiled so that fit trains on,
with the losses of the same weights compiled afresh in Keras (keras4j writes no
optimizer_weights: given them, Keras 3.15.1's legacy loader builds the optimizer for no
variables and fit fails with "Unknown variable", as it does on Keras's own resume.h5).

Run from the repository root after LegacyTrainingConfigTest:
TF_CPP_MIN_LOG_LEVEL=3 CUDA_VISIBLE_DEVICES= /work/venv/bin/python \
    src/test/resources/keras4j/saving/training_config/check_keras4j_saves.py
"""
import json
import os

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SAVED = os.path.join("target", "keras4j-legacy")


def main():
    model = keras.saving.load_model(os.path.join(SAVED, "compiled.h5"))
    assert model.compiled and isinstance(model.optimizer, keras.optimizers.Adam), model.optimizer
    assert np.isclose(float(model.optimizer.learning_rate), 0.01)
    assert model.loss.__name__ == "mean_squared_error", model.loss
    assert model._compile_config.config["loss_weights"] == [0.5]
    print("compiled.h5 ok: compiled with", type(model.optimizer).__name__, model.loss.__name__,
          model._compile_config.config["metrics"], model._compile_config.config["weighted_metrics"])

    fixture = json.load(open(os.path.join(HERE, "resume.json")))
    x, y = np.array(fixture["x"], "float32"), np.array(fixture["y"], "float32")
    model = keras.saving.load_model(os.path.join(SAVED, "resaved.h5"))
    assert model.compiled and int(model.optimizer.iterations) == 0
    losses = model.fit(x, y, epochs=2, batch_size=4, shuffle=False, verbose=0).history["loss"]
    fresh = keras.saving.load_model(os.path.join(HERE, "resume.h5"), compile=False)
    fresh.compile(optimizer=keras.optimizers.Adam(0.01), loss="mean_squared_error",
                  loss_weights=[0.5])
    expected = fresh.fit(x, y, epochs=2, batch_size=4, shuffle=False, verbose=0).history["loss"]
    np.testing.assert_allclose(losses, expected, rtol=1e-6)
    print("resaved.h5 ok: compiled, trains on with losses", losses, "as Keras afresh")
    try:
        keras.saving.load_model(os.path.join(HERE, "resume.h5")).fit(x, y, verbose=0)
    except ValueError as e:
        print("(Keras's own resume.h5, with optimizer_weights, cannot train on:",
              str(e).split(":")[0] + ")")

if __name__ == "__main__":
    main()
