// The stock of the warehouse, as a teammate left it: a report of what runs low.
const stock = { bolts: 120, nuts: 8, washers: 45, hinges: 3 };

export const handler = async () => {
  const low = Object.entries(stock).filter(([, count]) => count < 10).map(([item]) => item);
  console.log(`Inventory report: ${low.length} item(s) low on stock`);
  return { items: Object.keys(stock).length, low };
};
