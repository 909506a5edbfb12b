"""Inputs: reading files (:mod:`.files`), validating them against a kind's model
(:mod:`.validation`), the document kinds (:mod:`.kinds`) and the rows of a batch input
(:mod:`.batch`)."""

from plankit.inputs.files import MAX_BYTES, LoadedInput, decode, load, read_text

__all__ = ["MAX_BYTES", "LoadedInput", "decode", "load", "read_text"]
