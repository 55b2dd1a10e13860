"""Independent numpy references for keras4j's unit tests (losses, Dense forward pass).

Run: python3 src/test/resources/keras4j/reference_values.py
"""
import numpy as np

np.set_printoptions(precision=10)
eps = 1e-7
P = np.array([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3]], dtype=np.float64)
Y = np.array([[1, 0, 0], [0, 0, 1]], dtype=np.float64)
L = np.array([[2.0, -1.0, 0.5], [0.3, 1.2, -0.7]], dtype=np.float64)
R = np.array([[0.5, -0.2], [1.5, 2.0]])          # regression predictions
T = np.array([[1.0, 0.0], [0.0, 3.0]])           # regression targets
B = np.array([[0.8], [0.3], [0.6]])             # binary probabilities
BY = np.array([[1.0], [0.0], [0.0]])

def log_softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))

print("categorical_crossentropy(P)", np.mean(-np.sum(Y * np.log(np.clip(P / P.sum(-1, keepdims=True), eps, 1 - eps)), -1)))
print("categorical_crossentropy(softmax(L))", np.mean(-np.sum(Y * log_softmax(L), -1)))
print("sparse_categorical_crossentropy(P)", np.mean(-np.log(np.clip(P, eps, 1 - eps))[[0, 1], [0, 2]]))
print("mse", np.mean(np.mean((R - T) ** 2, -1)))
print("mae", np.mean(np.mean(np.abs(R - T), -1)))
d = np.abs(R - T)
print("huber", np.mean(np.mean(np.where(d <= 1, 0.5 * d ** 2, d - 0.5), -1)))
HY = np.array([[1.0, 0.0], [0.0, 1.0]])  # 0/1 labels, Keras maps 0 to -1
print("hinge", np.mean(np.mean(np.maximum(1 - np.where(HY == 0, -1, HY) * R, 0), -1)))
Q = np.array([[0.2, 0.8], [0.5, 0.5]]); PQ = np.array([[0.3, 0.7], [0.9, 0.1]])
print("kld", np.mean(np.sum(np.clip(Q, eps, 1) * np.log(np.clip(Q, eps, 1) / np.clip(PQ, eps, 1)), -1)))
Bc = np.clip(B, eps, 1 - eps)
print("binary_crossentropy(B)", np.mean(np.mean(-(BY * np.log(Bc) + (1 - BY) * np.log(1 - Bc)), -1)))
BL = np.array([[1.5], [-0.4], [0.2]])
print("binary_crossentropy(sigmoid(BL))", np.mean(np.mean(np.maximum(BL, 0) - BL * BY + np.log1p(np.exp(-np.abs(BL))), -1)))

# Dense stack forward pass: relu(x @ W1 + b1) @ W2 + b2, then softmax
x = np.array([[0.1, -0.2, 0.3, 0.4], [1.0, 0.5, -0.5, 2.0]])
W1 = np.arange(12, dtype=np.float64).reshape(4, 3) / 10 - 0.5
b1 = np.array([0.1, -0.1, 0.2])
W2 = np.arange(6, dtype=np.float64).reshape(3, 2) / 5 - 0.4
b2 = np.array([0.05, -0.05])
h = np.maximum(x @ W1 + b1, 0)
z = h @ W2 + b2
print("dense_forward_linear", z.tolist())
print("dense_forward_softmax", np.exp(log_softmax(z)).tolist())
