"""Reference values for gradnotes.nn.MultiHeadAttention from torch.nn.MultiheadAttention (1.13),
double precision, bias=False, batch_first=True with a batch of one sequence.

Convention mapping. torch stacks positions as rows: x (1 x n x E) holds x_j^T in row j; gradnotes
stacks them as columns, X = x[0]^T (E x n), and likewise Z = source[0]^T (d_src x m).
With h heads and head size d_k = E / h, torch computes q = x W_q^T, k = z W_k^T, v = z W_v^T and
splits the E columns of q, k, v into h consecutive blocks of d_k, block i going to head i. So:
  * kdim = vdim = E (self-attention): in_proj_weight (3E x E) = [W_q; W_k; W_v] stacked by rows, and
        Wq_i = in_proj_weight[(i-1) d_k : i d_k, :]
        Wk_i = in_proj_weight[E + (i-1) d_k : E + i d_k, :]
        Wv_i = in_proj_weight[2E + (i-1) d_k : 2E + i d_k, :]
  * kdim = vdim != E (cross-attention from a source of another size): torch keeps three separate
    matrices q_proj_weight (E x E), k_proj_weight (E x kdim), v_proj_weight (E x vdim), and
        Wq_i = q_proj_weight[(i-1) d_k : i d_k, :], Wk_i, Wv_i likewise from k_/v_proj_weight.
  * out_proj.weight (E x E) = Wo: its columns meet the concatenated heads in the same order, which
    is H = [head_1; ...; head_h] stacked by rows in gradnotes.
  * attention weights (need_weights=True, average_attn_weights=False) have shape (1, h, n, m);
    gradnotes' head i matrix is key by query, weights_i = w[0, i-1]^T (m x n).
  * causal: torch's boolean attn_mask marks with True the pairs NOT allowed, here key > query.
Loss: L = sum(Y * G) for a fixed random G (E x n), so dL/dY = G.

Cases (prefix of every name): self_ (E=6, h=2, n=4), causal_ (E=3, h=1, n=4, causal mask),
cross_ (E=6, h=3, kdim=vdim=5, n=2 queries, m=4 source positions).
"""
import torch
from reference import save

torch.manual_seed(5)


def case(prefix, E, h, n, m=None, src=None, causal=False):
    cross = m is not None
    src = src or E
    mha = torch.nn.MultiheadAttention(E, h, bias=False, batch_first=True, kdim=src, vdim=src).double()
    x = torch.randn(1, n, E, dtype=torch.double, requires_grad=True)
    z = torch.randn(1, m, src, dtype=torch.double, requires_grad=True) if cross else x
    G = torch.randn(1, n, E, dtype=torch.double)
    mask = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1) if causal else None
    y, w = mha(x, z, z, attn_mask=mask, need_weights=True, average_attn_weights=False)
    (y * G).sum().backward()

    if mha._qkv_same_embed_dim:
        Wq, Wk, Wv = mha.in_proj_weight.split(E)
        dWq, dWk, dWv = mha.in_proj_weight.grad.split(E)
    else:
        Wq, Wk, Wv = mha.q_proj_weight, mha.k_proj_weight, mha.v_proj_weight
        dWq, dWk, dWv = mha.q_proj_weight.grad, mha.k_proj_weight.grad, mha.v_proj_weight.grad
    dk = E // h
    out = {prefix + "X": x[0].T}
    if cross:
        out[prefix + "Z"] = z[0].T
    for i in range(h):
        rows = slice(i * dk, (i + 1) * dk)
        out.update({f"{prefix}Wq_{i + 1}": Wq[rows], f"{prefix}Wk_{i + 1}": Wk[rows], f"{prefix}Wv_{i + 1}": Wv[rows]})
    out[prefix + "Wo"] = mha.out_proj.weight
    out[prefix + "G"] = G[0].T
    out[prefix + "Y"] = y[0].T
    for i in range(h):
        out[f"{prefix}weights_{i + 1}"] = w[0, i].T
    for i in range(h):
        rows = slice(i * dk, (i + 1) * dk)
        out.update({f"{prefix}dWq_{i + 1}": dWq[rows], f"{prefix}dWk_{i + 1}": dWk[rows], f"{prefix}dWv_{i + 1}": dWv[rows]})
    out[prefix + "dWo"] = mha.out_proj.weight.grad
    out[prefix + "dX"] = x.grad[0].T
    if cross:
        out[prefix + "dZ"] = z.grad[0].T
    return out


arrays = {}
arrays.update(case("self_", E=6, h=2, n=4))
arrays.update(case("causal_", E=3, h=1, n=4, causal=True))
arrays.update(case("cross_", E=6, h=3, n=2, m=4, src=5))
save("multihead_attention", __doc__, **arrays)
