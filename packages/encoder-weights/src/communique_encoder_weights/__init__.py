"""The weights of communique's encoder tagger, kept out of the default install.

``encoder_top.safetensors`` (float16, 21 MB): all six layers of all-MiniLM-L6-v2 fine-tuned on
PolNeAR train and a linear head giving six scores per word piece. Built by ``communique train
attribution --encoder`` (its header holds the provenance: data hash, code commit, command), read by
``communique.extract.attribution.encoder``. Installed with the ``encoder`` extra:
``pip install -e ".[encoder]" ./packages/encoder-weights`` from a communique checkout.
"""

from importlib import resources
from importlib.abc import Traversable

WEIGHTS = "encoder_top.safetensors"


def weights_file() -> Traversable:
    """The shipped weights file (read it with ``read_bytes()``)."""
    return resources.files(__name__).joinpath(WEIGHTS)
