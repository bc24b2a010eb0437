// The samples live next to the templates (the API checks an agency's edit against them).
global using SampleModels = Bpm.Documents.Templates.TemplateSamples;
