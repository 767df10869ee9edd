from unionhub.accounts.models import Role, User
from unionhub.org.demo import county_union


def user_in(slug: str) -> User:
    return User.objects.get(username=f"{slug}_admin")


def role_in(slug: str) -> Role:
    role, _ = Role.objects.get_or_create(
        code=f"{slug}-inspector",
        defaults={"name": f"{slug} 检查员", "org_unit": county_union(slug)},
    )
    return role


SAMPLES = {User: user_in, Role: role_in}
