"""Retrieval over every stored sentence: BM25, MiniLM embeddings, and their hybrid."""

from receipts.retrieve.base import Hit, Retriever
from receipts.retrieve.bm25 import BM25Retriever
from receipts.retrieve.dense import EmbeddingRetriever
from receipts.retrieve.hybrid import HybridRetriever

__all__ = ["BM25Retriever", "EmbeddingRetriever", "Hit", "HybridRetriever", "Retriever"]
