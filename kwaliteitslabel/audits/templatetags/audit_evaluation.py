"""{% evaluation_links user audit place as links %}: the evaluation's links on the audit's page."""

from django import template

from kwaliteitslabel.audits import evaluation

register = template.Library()


@register.simple_tag
def evaluation_links(user, audit, place=None) -> evaluation.Links:
    return evaluation.links(user, audit, place)
