"""Build real Argos Translate packages with no network: SentencePiece + CTranslate2 Transformer.

Tests and the MT benchmark need an ``.argosmodel`` that argostranslate and the workbench load
exactly like a downloaded one, but nothing can be downloaded here. This module makes one:

- a SentencePiece model trained on the sample corpus text (German and English),
- a ``ctranslate2.specs.TransformerSpec`` filled with seeded numpy weights (no torch),
  saved through a ``ctranslate2.converters.Converter`` with int8 quantization,
- ``metadata.json`` in Argos format, zipped as ``translate-de_en-<version>.argosmodel`` with the
  folder layout argostranslate's ``install_from_path`` expects (one top folder holding
  ``metadata.json``, ``model/``, ``sentencepiece.model`` and ``README.md``).

The weights are random, so the output is not a translation, but it is what a real model
does: deterministic token sequences of varying length decoded by the real tokenizer. A bias on
the end-of-sentence logit keeps the tiny model's outputs short and varied. The benchmark uses
the same builder at Transformer-base size (6+6 layers, d512, 32k vocabulary).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm
from ctranslate2.converters.converter import Converter  # type: ignore[import-untyped]
from ctranslate2.specs import transformer_spec  # type: ignore[import-untyped]

REPO = Path(__file__).resolve().parents[2]
SPECIALS = ["<blank>", "<unk>", "<s>", "</s>"]


@dataclass(frozen=True)
class ModelShape:
    """The size of a Transformer: layers, width, heads, feed-forward width, vocabulary."""

    encoder_layers: int = 2
    decoder_layers: int = 2
    d_model: int = 64
    heads: int = 4
    ffn: int = 128
    sp_vocab: int = 600  # SentencePiece pieces trained on the corpus
    vocab_size: int = 0  # model vocabulary; 0: the SentencePiece pieces, else padded with fillers
    eos_bias: float = 1.0


TINY = ModelShape()
BASE = ModelShape(6, 6, 512, 8, 2048, 2000, 32000, 0.0)


def corpus_lines() -> list[str]:
    """German and English lines of the sample corpus (the seed file if the corpus is absent)."""
    folder = REPO / "corpora" / "hangzhou-sister-cities"
    files = [folder / "source.de.md", folder / "reference.en.md"]
    found = [f for f in files if f.is_file()]
    if not found:
        found = [REPO.parent / "shared" / "seeds" / "hangzhou-sister-cities.de.txt"]
    lines: list[str] = []
    for path in found:
        lines += [
            ln.strip().lstrip("#>*- ") for ln in path.read_text(encoding="utf-8").splitlines()
        ]
    # Some English words and markup so the tokenizer knows the glossary terms of the tests.
    lines += [
        "The county executive of Montgomery County said the conference was a success.",
        "Visit https://example.org/page for details and press <b>Save</b> now.",
        "The district administrator and the sister city partnership meet in Hangzhou.",
    ]
    return [ln for ln in lines if ln]


def train_sentencepiece(lines: Iterable[str], vocab_size: int) -> bytes:
    """A unigram SentencePiece model trained on ``lines``; its serialized bytes."""
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(lines)),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        num_threads=1,
        seed_sentencepiece_size=100000,
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        minloglevel=2,
    )
    return model.getvalue()


def vocabulary(sp_model: bytes, size: int) -> list[str]:
    """The model vocabulary: OpenNMT specials, the SentencePiece pieces, then fillers to ``size``."""
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    tokens = SPECIALS + [p for p in pieces if p not in SPECIALS]
    tokens += [f"▁v{i}" for i in range(size - len(tokens))]
    return tokens


def build_spec(
    vocab: list[str], shape: ModelShape, seed: int = 7
) -> transformer_spec.TransformerSpec:
    """A pre-norm Transformer spec with seeded random weights (no torch)."""
    rng = np.random.default_rng(seed)
    d, f, v = shape.d_model, shape.ffn, len(vocab)

    def mat(rows: int, cols: int) -> np.ndarray:
        out: np.ndarray = (rng.standard_normal((rows, cols)) / np.sqrt(cols)).astype(np.float32)
        return out

    def vec(n: int, scale: float = 0.02) -> np.ndarray:
        return (rng.standard_normal(n) * scale).astype(np.float32)

    def norm(spec: object) -> None:
        spec.gamma = np.ones(d, dtype=np.float32)  # type: ignore[attr-defined]
        spec.beta = np.zeros(d, dtype=np.float32)  # type: ignore[attr-defined]

    def linear(spec: object, rows: int, cols: int) -> None:
        spec.weight = mat(rows, cols)  # type: ignore[attr-defined]
        spec.bias = vec(rows)  # type: ignore[attr-defined]

    def ffn(spec: object) -> None:
        norm(spec.layer_norm)  # type: ignore[attr-defined]
        linear(spec.linear_0, f, d)  # type: ignore[attr-defined]
        linear(spec.linear_1, d, f)  # type: ignore[attr-defined]

    spec = transformer_spec.TransformerSpec.from_config(
        (shape.encoder_layers, shape.decoder_layers), shape.heads
    )
    spec.encoder.embeddings[0].weight = mat(v, d)
    norm(spec.encoder.layer_norm)
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        ffn(layer.ffn)
    spec.decoder.embeddings.weight = mat(v, d)
    norm(spec.decoder.layer_norm)
    for layer in spec.decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)
        linear(layer.attention.linear[1], 2 * d, d)
        linear(layer.attention.linear[2], d, d)
        ffn(layer.ffn)
    spec.decoder.projection.weight = mat(v, d)
    bias = vec(v, 0.5)
    bias[vocab.index("</s>")] += shape.eos_bias
    bias[[vocab.index(t) for t in ("<blank>", "<unk>", "<s>")]] = -10.0
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


class SpecConverter(Converter):  # type: ignore[misc]
    """A converter whose "source model" is a spec built in memory."""

    def __init__(self, spec: transformer_spec.TransformerSpec) -> None:
        self.spec = spec

    def _load(self) -> transformer_spec.TransformerSpec:
        return self.spec


LANGUAGE_NAMES = {"de": "German", "en": "English"}


def metadata(
    version: str, shape: ModelShape, from_code: str = "de", to_code: str = "en"
) -> dict[str, object]:
    """An Argos ``metadata.json`` for a package (German→English unless told otherwise)."""
    return {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": LANGUAGE_NAMES.get(from_code, from_code),
        "to_code": to_code,
        "to_name": LANGUAGE_NAMES.get(to_code, to_code),
        "type": "translate",
        "links": [],
        "description": (
            f"NOISE: workbench test model {shape.encoder_layers}+{shape.decoder_layers} "
            f"d{shape.d_model}, random weights, not a translator"
        ),
    }


def build_package(
    out_dir: Path,
    shape: ModelShape = TINY,
    version: str = "0.1",
    seed: int = 7,
    lines: list[str] | None = None,
    *,
    pair: tuple[str, str] = ("de", "en"),
) -> Path:
    """Build ``translate-<from>_<to>-<version>.argosmodel`` in ``out_dir``; return its path."""
    out_dir = Path(out_dir)
    name = f"translate-{pair[0]}_{pair[1]}-{version.replace('.', '_')}"
    staging = out_dir / "staging" / name
    sp_model = train_sentencepiece(lines if lines is not None else corpus_lines(), shape.sp_vocab)
    vocab = vocabulary(sp_model, shape.vocab_size)
    spec = build_spec(vocab, shape, seed)
    staging.mkdir(parents=True, exist_ok=True)
    SpecConverter(spec).convert(str(staging / "model"), quantization="int8", force=True)
    (staging / "sentencepiece.model").write_bytes(sp_model)
    (staging / "metadata.json").write_text(
        json.dumps(metadata(version, shape, *pair), indent=2), encoding="utf-8"
    )
    (staging / "README.md").write_text(
        "Random-weight test package built by tests/support/argos_model.py. Not a translator.\n",
        encoding="utf-8",
    )
    archive = out_dir / f"{name}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(staging.rglob("*")):
            if path.is_file():
                zf.write(path, f"{name}/{path.relative_to(staging).as_posix()}")
    return archive


def ctranslate2_version() -> str:
    """The CTranslate2 version the package was built with (for messages)."""
    return str(ctranslate2.__version__)
