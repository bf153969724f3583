"""`party_purchase`: which article categories each party bought, one row per won deal, party and
category. Derived data that the database keeps up to date (migration 0021's triggers), read by
the segment "has bought an article of category X".

Rows: for every live won deal, for its client and each of its contacts, each category (lowered by
the database's own `lower()`, as segments always compared it) of the articles on its lines. The
triggers on `deal`, `deal_line`, `deal_contact` and `article` rewrite a deal's rows whenever
something they depend on changes, whoever writes (a service, a merge, an erasure, an import, raw
SQL), so no service has to remember it.

Deliberately outside `Base.metadata`: the generic walkers over foreign keys to `party` (merge,
erasure, export) and the history must leave a derived table alone; the triggers follow what
they do to the deals. On PostgreSQL a row is visible only with its deal (the deal's row-level
security), so a segment never tells anyone about a purchase in a deal they cannot see.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, MetaData, String, Table, Uuid

from ekocrm_desktop.models.base import NAMING_CONVENTION

#: Tables the database maintains by itself (triggers); migrations create them, never the ORM.
derived_metadata = MetaData(naming_convention=NAMING_CONVENTION)

party_purchase = Table(
    "party_purchase",
    derived_metadata,
    Column("deal_id", Uuid(), primary_key=True),
    Column("party_id", Uuid(), primary_key=True),
    Column("category", String(60), primary_key=True),
    Index("ix_party_purchase_category_party_id", "category", "party_id"),
)
