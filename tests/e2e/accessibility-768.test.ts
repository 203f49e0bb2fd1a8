import { auditSitemapAt } from '../support/sitemap-audit.ts';

auditSitemapAt(768, ['dark']);
