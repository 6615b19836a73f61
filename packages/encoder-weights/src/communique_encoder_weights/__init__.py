"""The weights of communique's encoder models, kept out of the default install.

``encoder_top.safetensors`` (float16, 21 MB): all six layers of all-MiniLM-L6-v2 fine-tuned on
PolNeAR train and a linear head giving six scores per word piece. Built by ``communique train
attribution --encoder``, read by ``communique.extract.attribution.encoder``.

``event_top.safetensors`` (float16, 7 MB): the top two layers of all-MiniLM-L6-v2 fine-tuned on
PLV_train and a linear head giving a score per PLV event type. Built by ``communique train events
--encoder``, read by ``communique.extract.events.tuned``.

Each header holds its provenance (data hash, code commit, command). Installed with the ``encoder``
extra: ``pip install -e ".[encoder]" ./packages/encoder-weights`` from a communique checkout.
"""

from importlib import resources
from importlib.abc import Traversable

WEIGHTS = "encoder_top.safetensors"
EVENT_WEIGHTS = "event_top.safetensors"


def weights_file() -> Traversable:
    """The attribution tagger's weights file (read it with ``read_bytes()``)."""
    return resources.files(__name__).joinpath(WEIGHTS)


def event_weights_file() -> Traversable:
    """The accurate event typer's tuned top."""
    return resources.files(__name__).joinpath(EVENT_WEIGHTS)
