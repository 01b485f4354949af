import TrailPlan
