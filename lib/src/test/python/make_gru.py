"""Reference values for gradnotes.nn.Gru from torch.nn.GRU, double precision.

Convention mapping. torch.nn.GRU stacks its gates as (r, z, n) in weight_ih_l0 / weight_hh_l0 and computes
  r  = s(W_ir x + b_ir + W_hr h + b_hr)
  z' = s(W_iz x + b_iz + W_hz h + b_hz)
  n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
  h  = (1 - z') * n + z' * h_prev
gradnotes (CO3086 lab) computes h = (1 - z) * h_prev + z * hHat with hHat = tanh(W x + r * (U h_prev) + b).
So: z = 1 - z' = s(-(...)), i.e. Wz = -W_iz, Uz = -W_hz, bz = -(b_iz + b_hz); Wr = W_ir, Ur = W_hr,
br = b_ir + b_hr; W = W_in, U = W_hn, b = b_in, which needs b_hn = 0 (set here).
Batch: torch's x_t is B x I, gradnotes' is its transpose I x B. Loss L = sum_t sum(h_t * G_t).
"""
import torch
from reference import save

torch.manual_seed(11)
I, H, B, T = 3, 4, 2, 5
gru = torch.nn.GRU(I, H, batch_first=True).double()
with torch.no_grad():
    gru.bias_hh_l0[2 * H:].zero_()
x = torch.randn(B, T, I, dtype=torch.double, requires_grad=True)
G = torch.randn(B, T, H, dtype=torch.double)
out, _ = gru(x)
loss = (out * G).sum()
loss.backward()

Wi, Wh, bi, bh = gru.weight_ih_l0, gru.weight_hh_l0, gru.bias_ih_l0, gru.bias_hh_l0
gWi, gWh, gbi, gbh = Wi.grad, Wh.grad, bi.grad, bh.grad
r, z, n = slice(0, H), slice(H, 2 * H), slice(2 * H, 3 * H)
arrays = dict(
    Wz=-Wi[z], Uz=-Wh[z], bz=-(bi[z] + bh[z]), Wr=Wi[r], Ur=Wh[r], br=bi[r] + bh[r], W=Wi[n], U=Wh[n], b=bi[n],
    # the gradient of a negated weight is the negated gradient; a summed bias gets the gradient of either part
    dWz=-gWi[z], dUz=-gWh[z], dbz=-gbi[z], dWr=gWi[r], dUr=gWh[r], dbr=gbi[r], dW=gWi[n], dU=gWh[n], db=gbi[n])
for t in range(T):
    arrays[f"x_{t + 1}"] = x[:, t, :].T
    arrays[f"G_{t + 1}"] = G[:, t, :].T
    arrays[f"h_{t + 1}"] = out[:, t, :].T
    arrays[f"dx_{t + 1}"] = x.grad[:, t, :].T
save("gru", __doc__, **arrays)
