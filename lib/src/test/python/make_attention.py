"""Reference values for gradnotes.nn.ScaledDotProductAttention from PyTorch 1.13, double precision.

Convention mapping: torch works in the row convention, one query/key/value per ROW:
    O_row = softmax(Q_row K_row^T / sqrt(d)) V_row      (softmax along each row)
gradnotes puts each query/key/value in a COLUMN: Q = Q_row^T (d x n), K = K_row^T (d x m),
V = V_row^T (d_v x m), and computes O = V softmax(K^T Q / sqrt(d)) with a column-wise softmax,
which is O_row^T. So every array below is the transpose of the torch tensor:
    weights (m x n, key by query) = torch's attention weights (n x m)^T, output = O_row^T,
    dQ = Q_row.grad^T, dK = K_row.grad^T, dV = V_row.grad^T.
Loss: L = sum(O * G) for a fixed random G (d_v x n), so dL/dO = G.

Cases (prefix of every name):
  plain_   d=4, n=3 queries, m=5 keys, d_v=2; torch.nn.functional._scaled_dot_product_attention
  causal_  d=3, n=m=4, d_v=3; the same function with is_causal=True (query j sees keys 1..j)
  unscaled_ d=4, n=2, m=3, d_v=3; scores are plain dot products (no 1/sqrt(d)), written out with
           torch.softmax since torch has no switch for it
"""
import torch
import torch.nn.functional as F
from reference import save

torch.manual_seed(11)


def case(prefix, d, n, m, dv, causal=False, scaled=True):
    q = torch.randn(n, d, dtype=torch.double, requires_grad=True)
    k = torch.randn(m, d, dtype=torch.double, requires_grad=True)
    v = torch.randn(m, dv, dtype=torch.double, requires_grad=True)
    G = torch.randn(n, dv, dtype=torch.double)
    if scaled:
        out, w = F._scaled_dot_product_attention(q.unsqueeze(0), k.unsqueeze(0), v.unsqueeze(0),
                                                 None, 0.0, True, causal)
        out, w = out[0], w[0]
    else:
        w = torch.softmax(q @ k.T, dim=-1)
        out = w @ v
    (out * G).sum().backward()
    return {prefix + "Q": q.T, prefix + "K": k.T, prefix + "V": v.T, prefix + "G": G.T,
            prefix + "weights": w.T, prefix + "output": out.T,
            prefix + "dQ": q.grad.T, prefix + "dK": k.grad.T, prefix + "dV": v.grad.T}


arrays = {}
arrays.update(case("plain_", d=4, n=3, m=5, dv=2))
arrays.update(case("causal_", d=3, n=4, m=4, dv=3, causal=True))
arrays.update(case("unscaled_", d=4, n=2, m=3, dv=3, scaled=False))
save("attention", __doc__, **arrays)
