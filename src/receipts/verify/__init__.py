"""Hold claims against the record: Claim + Evidence -> Verdict, contradictions, promise status."""
