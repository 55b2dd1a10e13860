"""The reverse direction of LegacyTrainingConfigTest: Python Keras loads the legacy .h5 files
keras4j saved to target/keras4j-legacy/ and finds them compiled as Keras's own: compiled.h5 with
Keras's compile arguments; resaved.h5 (Keras's resume.h5 loaded and saved again by keras4j)
restores in Keras exactly what Keras's own resume.h5 restores: the same compile settings and
optimizer variables (Keras's legacy loader keeps the iteration count and learning rate).

Keras 3.15.1 cannot train on from its own legacy .h5 (its loader builds the optimizer for no
variables, so fit raises "Unknown variable"); the check finds the same for keras4j's file.

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
    restored = {}
    for path in (os.path.join(HERE, "resume.h5"), os.path.join(SAVED, "resaved.h5")):
        model = keras.saving.load_model(path)
        assert model.compiled
        try:
            model.fit(x, y, epochs=1, batch_size=4, shuffle=False, verbose=0)
            fit = "trains"
        except ValueError as e:
            fit = str(e).split(":")[0]
        restored[path] = (model.optimizer.get_config(), model.loss.__name__,
                          [float(v.numpy()) for v in model.optimizer.variables[:2]], fit)
    keras_own, keras4j = restored.values()
    assert keras4j == keras_own, (keras4j, keras_own)
    print("resaved.h5 ok: restores as Keras's own file: iteration, learning rate",
          keras4j[2], "; fit:", keras4j[3])

if __name__ == "__main__":
    main()
