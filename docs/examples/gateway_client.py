"""Call the gateway (``python -m optimizer serve``) with the official ``openai`` client.

Run it after starting ``serve`` as the README's "Use it from your own code" shows, with
``OPTIMIZER_KEY`` set to a key from ``python -m optimizer keys create``::

    .venv/bin/python docs/examples/gateway_client.py
"""

import os

from openai import OpenAI

client = OpenAI(base_url="http://127.0.0.1:8000/v1", api_key=os.environ["OPTIMIZER_KEY"])
question = [{"role": "user", "content": "Formulate a gentle hydrating serum for sensitive skin, EU."}]

# Not streamed; the X-Optimizer-* headers say what the gateway did.
raw = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=question, max_tokens=200)
print(raw.parse().choices[0].message.content)
print("cache:", raw.headers["x-optimizer-cache"], "saved tokens:", raw.headers["x-optimizer-saved-tokens"])

# Streamed: the same question again is an exact hit, replayed as server-sent events.
for chunk in client.chat.completions.create(model="gpt-4o-mini", messages=question, max_tokens=200, stream=True):
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
print()
