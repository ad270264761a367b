"""Reference values for gradnotes.nn.VanillaRnn from torch.nn.RNN (tanh), double precision.

Convention mapping: torch computes h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) with batch
as the first dimension of each step; gradnotes uses one bias b = b_ih + b_hh (b_hh is zero here)
and puts the batch in columns, so x_t (B x I) in torch is x_t^T (I x B) in gradnotes.
Loss: L = sum_t sum(h_t * G_t) for fixed random G_t, so dL/dh_t (direct) = G_t.
"""
import torch
from reference import save

torch.manual_seed(7)
I, H, B, T = 3, 4, 2, 5
rnn = torch.nn.RNN(I, H, nonlinearity="tanh", bias=True, batch_first=True).double()
with torch.no_grad():
    rnn.bias_hh_l0.zero_()
x = torch.randn(B, T, I, dtype=torch.double, requires_grad=True)
G = torch.randn(B, T, H, dtype=torch.double)
out, _ = rnn(x)
loss = (out * G).sum()
loss.backward()

arrays = dict(Wx=rnn.weight_ih_l0, Wh=rnn.weight_hh_l0, b=rnn.bias_ih_l0)
for t in range(T):
    arrays[f"x_{t + 1}"] = x[:, t, :].T
    arrays[f"G_{t + 1}"] = G[:, t, :].T
    arrays[f"h_{t + 1}"] = out[:, t, :].T
    arrays[f"dx_{t + 1}"] = x.grad[:, t, :].T
arrays.update(dWx=rnn.weight_ih_l0.grad, dWh=rnn.weight_hh_l0.grad, db=rnn.bias_ih_l0.grad, loss=loss)
save("vanilla_rnn", __doc__, **arrays)
