"""Codelists shared by every area: service types (§ of zákon č. 108/2006 Sb.), target groups, forms of
provision, capacity units, legal forms and categories of related services.

`models` holds the tables and their ordered loaders, `files` reads the seed files in
resources/codelists/, `index` matches a typed name to an item ignoring case and diacritics.
"""
from db.codelists.models import (
    CapacityUnit, LegalForm, ProvisionForm, RelatedServiceCategory, ServiceType, TargetGroup, capacity_units,
    legal_forms, provision_forms, related_categories, service_types, target_groups,
)

__all__ = [
    "CapacityUnit", "LegalForm", "ProvisionForm", "RelatedServiceCategory", "ServiceType", "TargetGroup",
    "capacity_units", "legal_forms", "provision_forms", "related_categories", "service_types", "target_groups",
]
