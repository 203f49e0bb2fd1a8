# The stock of the warehouse, as a teammate left it: a report of what runs low.
stock = {'bolts': 120, 'nuts': 8, 'washers': 45, 'hinges': 3}


def lambda_handler(event, context):
    low = [item for item, count in stock.items() if count < 10]
    print(f'Inventory report: {len(low)} item(s) low on stock')
    return {'items': len(stock), 'low': low}
