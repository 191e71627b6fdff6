"""Small ONNX text classifiers: check-worthiness and NLI."""

from receipts.classify.onnx import OnnxClassifier, resolve_model

__all__ = ["OnnxClassifier", "resolve_model"]
