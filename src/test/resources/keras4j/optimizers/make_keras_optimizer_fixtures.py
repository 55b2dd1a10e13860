"""Writes the Python-Keras fixtures of keras4j's optimizer parity and checkpoint tests.

Run (Keras 3.15.1, TensorFlow backend, CPU):
    KERAS_BACKEND=tensorflow python3 src/test/resources/keras4j/optimizers/make_keras_optimizer_fixtures.py

The model of OptimizerStepTest: one linear Dense(3) on 4 features with fixed weights, loss "mse",
fit(X, Y, batch_size=4, shuffle=False) on the 8 rows of X, so 2 steps per epoch.

keras_steps.json, one entry per case: the optimizer's get_config() and the weights (kernel row
by row, then bias) after 3 epochs (6 steps, then fit's finalize_variable_values) and the
optimizer's iteration count.

checkpoints/<case>.keras: the model compiled with the case's optimizer after 1 epoch;
checkpoints.json: the loss of each of the next 2 epochs of Keras's own run, and the weights after
them, which keras4j must reproduce from the file.
"""
import json
import os
import sys

import keras
import numpy as np
from keras import optimizers as o
from keras.optimizers import schedules as s

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference  # noqa: E402

# reference.py's data and starting weights, as float32.
X, Y, KERNEL, BIAS = (v.astype(np.float32) for v in (reference.X, reference.Y, reference.W0,
                                                      reference.B0))


def exclude_bias(optimizer):
    optimizer.exclude_from_weight_decay(var_names=["bias"])
    return optimizer


# Every optimizer with Keras's defaults but the learning rate, the new hyper-parameters, each
# common option, and each schedule. The Java test builds the same optimizers by name.
CASES = {
    "sgd": lambda: o.SGD(0.1),
    "sgd_nesterov": lambda: o.SGD(0.1, momentum=0.9, nesterov=True),
    "adam": lambda: o.Adam(0.1),
    "adam_amsgrad": lambda: o.Adam(0.05, amsgrad=True),
    "adamw": lambda: o.AdamW(0.05),
    "adamw_amsgrad": lambda: o.AdamW(0.05, weight_decay=0.1, amsgrad=True),
    "adamw_exclude_bias": lambda: exclude_bias(o.AdamW(0.05, weight_decay=0.1)),
    "rmsprop": lambda: o.RMSprop(0.05),
    "rmsprop_centered": lambda: o.RMSprop(0.05, centered=True),
    "rmsprop_centered_momentum": lambda: o.RMSprop(0.05, rho=0.8, momentum=0.5, centered=True),
    "adagrad": lambda: o.Adagrad(0.1),
    "adadelta": lambda: o.Adadelta(1.0),
    "adamax": lambda: o.Adamax(0.1),
    "nadam": lambda: o.Nadam(0.1),
    "lion": lambda: o.Lion(0.01),
    "lion_custom": lambda: o.Lion(0.02, beta_1=0.8, beta_2=0.9),
    "ftrl": lambda: o.Ftrl(0.1),
    "ftrl_custom": lambda: o.Ftrl(0.1, learning_rate_power=-0.7, initial_accumulator_value=0.2,
                                  l1_regularization_strength=0.01,
                                  l2_regularization_strength=0.02,
                                  l2_shrinkage_regularization_strength=0.03, beta=0.5),
    "adafactor": lambda: o.Adafactor(0.8),
    "adafactor_custom": lambda: o.Adafactor(0.5, beta_2_decay=-0.5, epsilon_1=1e-3,
                                            epsilon_2=0.1, clip_threshold=0.5,
                                            relative_step=False),
    "lamb": lambda: o.Lamb(0.05),
    "lamb_custom": lambda: o.Lamb(0.05, beta_1=0.8, beta_2=0.9, epsilon=0.1),
    "sgd_weight_decay": lambda: o.SGD(0.1, weight_decay=0.05),
    "adam_clipnorm": lambda: o.Adam(0.1, clipnorm=0.1),
    "sgd_clipvalue": lambda: o.SGD(0.1, clipvalue=0.05),
    "rmsprop_global_clipnorm": lambda: o.RMSprop(0.05, global_clipnorm=0.2),
    "adam_ema": lambda: o.Adam(0.1, use_ema=True, ema_momentum=0.9),
    "sgd_ema_overwrite": lambda: o.SGD(0.1, momentum=0.9, use_ema=True, ema_momentum=0.5,
                                       ema_overwrite_frequency=2),
    "adam_accumulation": lambda: o.Adam(0.1, gradient_accumulation_steps=3),
    "nadam_accumulation_ema": lambda: o.Nadam(0.1, gradient_accumulation_steps=2, use_ema=True,
                                              ema_momentum=0.8),
    "sgd_exponential": lambda: o.SGD(s.ExponentialDecay(0.1, 2, 0.5)),
    "sgd_exponential_staircase": lambda: o.SGD(s.ExponentialDecay(0.1, 3, 0.5, staircase=True)),
    "sgd_piecewise": lambda: o.SGD(s.PiecewiseConstantDecay([1, 3], [0.1, 0.05, 0.01])),
    "sgd_inverse_time": lambda: o.SGD(s.InverseTimeDecay(0.1, 2, 0.5)),
    "sgd_inverse_time_staircase": lambda: o.SGD(s.InverseTimeDecay(0.1, 2, 0.5, staircase=True)),
    "sgd_polynomial": lambda: o.SGD(s.PolynomialDecay(0.1, 4, 0.01, power=2.0)),
    "sgd_polynomial_cycle": lambda: o.SGD(s.PolynomialDecay(0.1, 2, 0.01, power=1.5, cycle=True)),
    "adam_cosine": lambda: o.Adam(s.CosineDecay(0.1, 4, alpha=0.1)),
    "adam_cosine_warmup": lambda: o.Adam(s.CosineDecay(0.01, 3, alpha=0.1, warmup_target=0.1,
                                                       warmup_steps=2)),
    "sgd_cosine_restarts": lambda: o.SGD(s.CosineDecayRestarts(0.1, 2, t_mul=2.0, m_mul=0.5,
                                                               alpha=0.1)),
    "sgd_cosine_restarts_constant": lambda: o.SGD(s.CosineDecayRestarts(0.1, 2, t_mul=1.0,
                                                                        m_mul=0.8)),
    "adamw_cosine": lambda: o.AdamW(s.CosineDecay(0.05, 6), weight_decay=0.1),
    "adafactor_schedule": lambda: o.Adafactor(s.ExponentialDecay(0.8, 2, 0.5)),
}

# One checkpoint per optimizer, each with a schedule or a fixed rate and a clipping option.
CHECKPOINTS = {
    "sgd": lambda: o.SGD(s.ExponentialDecay(0.1, 2, 0.7), momentum=0.9, clipnorm=0.5),
    "adam": lambda: o.Adam(s.CosineDecay(0.01, 4, warmup_target=0.1, warmup_steps=1),
                           amsgrad=True, global_clipnorm=0.5),
    "adamw": lambda: o.AdamW(s.PiecewiseConstantDecay([2, 4], [0.1, 0.05, 0.02]),
                             clipvalue=0.1, use_ema=True),
    "rmsprop": lambda: o.RMSprop(s.InverseTimeDecay(0.05, 2, 0.5), momentum=0.5, centered=True,
                                 clipnorm=0.3),
    "adagrad": lambda: o.Adagrad(s.PolynomialDecay(0.2, 6, 0.01), clipvalue=0.2),
    "adadelta": lambda: o.Adadelta(1.0, global_clipnorm=0.5, gradient_accumulation_steps=2),
    "adamax": lambda: o.Adamax(s.CosineDecayRestarts(0.1, 2), clipnorm=0.2),
    "nadam": lambda: o.Nadam(s.ExponentialDecay(0.1, 3, 0.5), clipvalue=0.1),
    "lion": lambda: o.Lion(s.CosineDecay(0.02, 6), weight_decay=0.1, clipnorm=1.0),
    "ftrl": lambda: o.Ftrl(s.InverseTimeDecay(0.2, 2, 0.3), l1_regularization_strength=0.01,
                           l2_regularization_strength=0.01, clipvalue=0.3),
    "adafactor": lambda: o.Adafactor(s.ExponentialDecay(0.5, 2, 0.8), global_clipnorm=1.0),
    "lamb": lambda: o.Lamb(s.PolynomialDecay(0.05, 6, 0.001), clipnorm=0.2),
}


def model(optimizer):
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
    m.set_weights([KERNEL, BIAS])
    m.compile(optimizer=optimizer, loss="mse", jit_compile=False)
    return m


def flat(m):
    return [float(v) for w in m.get_weights() for v in np.ravel(w)]


def fit(m, epochs):
    return m.fit(X, Y, batch_size=4, epochs=epochs, shuffle=False, verbose=0).history["loss"]


def main():
    steps = {}
    for name, make in CASES.items():
        m = model(make())
        fit(m, 3)
        steps[name] = {"config": o.serialize(m.optimizer)["config"], "weights": flat(m),
                       "iterations": int(m.optimizer.iterations.numpy())}
    with open(os.path.join(HERE, "keras_steps.json"), "w") as f:
        json.dump(steps, f, indent=1)

    os.makedirs(os.path.join(HERE, "checkpoints"), exist_ok=True)
    resumed = {}
    for name, make in CHECKPOINTS.items():
        m = model(make())
        fit(m, 1)
        m.save(os.path.join(HERE, "checkpoints", name + ".keras"))
        losses = fit(m, 2)
        resumed[name] = {"losses": [float(v) for v in losses], "weights": flat(m)}
    with open(os.path.join(HERE, "checkpoints.json"), "w") as f:
        json.dump(resumed, f, indent=1)


if __name__ == "__main__":
    main()
