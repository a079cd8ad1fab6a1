"""Routing from an index page to its child in one query, with the child's relations."""


class OneQueryChildRouteMixin:
    """For an index page whose children are all of one page type.

    Wagtail's ``Page.route`` reads the child as a plain ``Page`` row, then again as its specific
    class, and the template then reads each foreign key on its own. This asks
    ``child_queryset()`` (the specific model, with its ``select_related``) once; anything it
    does not find (another page type, an unknown slug) goes through Wagtail's own route.
    """

    def child_queryset(self):
        raise NotImplementedError

    def route(self, request, path_components):
        if path_components:
            child = self.child_queryset().child_of(self).filter(slug=path_components[0]).first()
            if child is not None:
                # As Wagtail does: get_parent() (breadcrumbs, links) then costs no query.
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)
