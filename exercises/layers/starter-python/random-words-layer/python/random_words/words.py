WORDS = [
    'apple', 'breeze', 'candle', 'dolphin', 'ember', 'forest', 'glacier', 'harbor',
    'island', 'jigsaw', 'kettle', 'lantern', 'meadow', 'nectar', 'orbit', 'pebble',
    'quartz', 'river', 'saddle', 'timber', 'umbrella', 'velvet', 'willow', 'yonder',
]
