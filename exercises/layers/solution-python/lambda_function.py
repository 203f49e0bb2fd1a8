# random_words is not in this function's package: the runtime finds it in the layer, under /opt/python.
from random_words import generate

def lambda_handler(event, context):
    return {'words': generate(3)}
