// The demo tenant's SharePoint data lives in ./sharepoint/ (one file per part).
export { DEMO_APPS, demoSharePoint, PLANTED_CARD_NUMBERS, PLANTED_IBANS } from './sharepoint/index.js';
