/** @cloudroute/import: scenarios from AWS CLI, Azure and Terraform exports. */
export {};
