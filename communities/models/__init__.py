"""The communities app's models: communities and their membership, discussions, meetings.

The tables kept their names from before the app existed (``members_*``, ``events_meetingpage``):
the move changed no data (docs/adr/0004-communities-app.md)."""

from communities.models.communities import (
    CommunityIndexPage,
    CommunityMembership,
    CommunityPage,
    Follow,
    FollowLevel,
    Post,
    Topic,
)
from communities.models.meetings import ActionBlock, BreakoutTableBlock, MeetingPage

__all__ = [
    "ActionBlock",
    "BreakoutTableBlock",
    "CommunityIndexPage",
    "CommunityMembership",
    "CommunityPage",
    "Follow",
    "FollowLevel",
    "MeetingPage",
    "Post",
    "Topic",
]
