"""Records as a pandas DataFrame, pandas imported only when asked for."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import MissingDependencyError

__all__ = ["to_dataframe"]


def to_dataframe(records: Sequence[Mapping[str, Any]], columns: Sequence[str], owner: str) -> Any:
    """*records* as a pandas DataFrame with *columns*; :class:`MissingDependencyError`
    naming the ``pandas`` extra (and *owner*, the class whose method was called) without
    pandas."""
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError(
            f'{owner}.to_dataframe needs pandas: pip install "backlinkkit[pandas]"'
        ) from None
    return pd.DataFrame(list(records), columns=list(columns))
