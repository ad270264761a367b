"""Reference values for gradnotes.nn.Lstm from torch.nn.LSTM, double precision.

Convention mapping. torch.nn.LSTM stacks its gates as (i, f, g, o) in weight_ih_l0 / weight_hh_l0 and has two
biases per gate, b_ih and b_hh, which only ever appear summed. gradnotes (CO3086 lab) names them
Wi, Ui, bi (input), Wf, Uf, bf (forget), Wc, Uc, bc (candidate, torch's g) and Wo, Uo, bo (output), with one
bias per gate: b = b_ih + b_hh (and the gradient of either torch bias is the gradient of b).
Batch: torch's x_t is B x I, gradnotes' is its transpose I x B. Loss L = sum_t sum(h_t * G_t).
"""
import torch
from reference import save

torch.manual_seed(13)
I, H, B, T = 3, 4, 2, 5
lstm = torch.nn.LSTM(I, H, batch_first=True).double()
x = torch.randn(B, T, I, dtype=torch.double, requires_grad=True)
G = torch.randn(B, T, H, dtype=torch.double)
out, _ = lstm(x)
loss = (out * G).sum()
loss.backward()

Wi, Wh, bi, bh = lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0
arrays = {}
for k, name in enumerate("ifco"):          # torch order i, f, g, o; gradnotes calls g "c"
    rows = slice(k * H, (k + 1) * H)
    arrays[f"W{name}"] = Wi[rows]
    arrays[f"U{name}"] = Wh[rows]
    arrays[f"b{name}"] = bi[rows] + bh[rows]
    arrays[f"dW{name}"] = Wi.grad[rows]
    arrays[f"dU{name}"] = Wh.grad[rows]
    arrays[f"db{name}"] = bi.grad[rows]
for t in range(T):
    arrays[f"x_{t + 1}"] = x[:, t, :].T
    arrays[f"G_{t + 1}"] = G[:, t, :].T
    arrays[f"h_{t + 1}"] = out[:, t, :].T
    arrays[f"dx_{t + 1}"] = x.grad[:, t, :].T
save("lstm", __doc__, **arrays)
